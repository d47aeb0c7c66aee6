package io.cere.stack.schemas.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One pass of the envelope rules over a JSON tree: collects every broken rule and, on the way, the
 * parsed field values an {@link EventEnvelope} is built from. Single use, not thread-safe.
 */
final class EnvelopeValidation {

    private static Set<String> withEvents(Set<String> members) {
        Set<String> all = new java.util.HashSet<>(members);
        all.add("events");
        return Set.copyOf(all);
    }

    /** Beyond this many errors only a count is kept: a bad 10,000-event batch stays readable. */
    static final int MAX_LISTED_ERRORS = 100;

    private static final Set<String> SINGLE_MEMBERS =
            Set.of(
                    "id",
                    "appId",
                    "accountId",
                    "type",
                    "timestamp",
                    "payload",
                    "signature",
                    "version",
                    "_batchMode");
    private static final Set<String> BATCH_MEMBERS = withEvents(SINGLE_MEMBERS);
    private static final Set<String> EVENT_MEMBERS = Set.of("id", "type", "timestamp", "payload");
    private static final String EVENTS =
            "a non-empty array of at most "
                    + EventEnvelope.MAX_BATCH_EVENTS
                    + " event objects, each with id, type, timestamp and payload";

    private final List<EnvelopeError> errors = new ArrayList<>(0);
    private int unlisted;
    private boolean unsupportedVersion;

    private String id;
    private String appId;
    private String accountId;
    private String signature;
    private String timestampText;
    private Instant timestamp;
    private String type;
    private ObjectNode payload;
    private final List<InnerEvent> events = new ArrayList<>(0);
    private boolean batchMode;

    private EnvelopeValidation() {}

    static EnvelopeValidation of(JsonNode node) {
        EnvelopeValidation validation = new EnvelopeValidation();
        validation.check(node);
        return validation;
    }

    /** Every broken rule, in rule order, with a final summary entry if there were too many. */
    List<EnvelopeError> errors() {
        if (unlisted == 0) {
            return errors;
        }
        List<EnvelopeError> all = new ArrayList<>(errors);
        all.add(new EnvelopeError("$", "and " + unlisted + " more errors not listed"));
        return all;
    }

    boolean unsupportedVersion() {
        return unsupportedVersion;
    }

    /** The envelope over {@code json}, which must be the tree this validation passed. */
    EventEnvelope toEnvelope(ObjectNode json) {
        if (!errors.isEmpty()) {
            throw new IllegalStateException("envelope has errors: " + errors);
        }
        return new EventEnvelope(
                json,
                id,
                appId,
                accountId.toLowerCase(Locale.ROOT),
                signature.toLowerCase(Locale.ROOT),
                1,
                timestampText,
                timestamp,
                type,
                payload,
                events,
                batchMode);
    }

    private void check(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            error("$", "expected a JSON object, got no content");
            return;
        }
        if (!node.isObject()) {
            error("$", "expected a JSON object, got " + describe(node));
            return;
        }
        JsonNode version = node.get("version");
        if (version != null && !(version.isNumber() && version.doubleValue() == 1)) {
            unsupportedVersion = true;
            error(
                    "version",
                    "expected 1 (the only envelope version known here), got " + describe(version));
            return;
        }
        id = text("id", node.get("id"), FieldRules::isUuid, FieldRules.UUID);
        appId = text("appId", node.get("appId"), FieldRules::isAppId, FieldRules.APP_ID);
        accountId =
                text(
                        "accountId",
                        node.get("accountId"),
                        FieldRules::isAccountId,
                        FieldRules.ACCOUNT_ID);
        timestampText = text("timestamp", node.get("timestamp"), any -> true, FieldRules.TIMESTAMP);
        timestamp = timestamp("timestamp", timestampText, node.get("timestamp"));
        signature =
                text(
                        "signature",
                        node.get("signature"),
                        FieldRules::isSignature,
                        FieldRules.SIGNATURE);

        JsonNode batchFlag = node.get("_batchMode");
        if (batchFlag != null && !batchFlag.isBoolean()) {
            error("_batchMode", "expected true or false, got " + describe(batchFlag));
        }
        batchMode = batchFlag != null && batchFlag.booleanValue();
        if (batchMode) {
            forbidInBatch("type", node.get("type"));
            forbidInBatch("payload", node.get("payload"));
            events(node.get("events"));
        } else {
            type = text("type", node.get("type"), FieldRules::isEventType, FieldRules.TYPE);
            payload = payload("payload", node.get("payload"));
        }
        otherMembers(node, batchMode ? BATCH_MEMBERS : SINGLE_MEMBERS, "");
    }

    private void events(JsonNode array) {
        if (array == null) {
            missing("events", EVENTS);
            return;
        }
        if (!array.isArray() || array.isEmpty()) {
            error("events", "expected " + EVENTS + ", got " + describe(array));
            return;
        }
        if (array.size() > EventEnvelope.MAX_BATCH_EVENTS) {
            error(
                    "events",
                    "expected at most "
                            + EventEnvelope.MAX_BATCH_EVENTS
                            + " events, got "
                            + array.size());
            return;
        }
        for (int i = 0; i < array.size(); i++) {
            event("events[" + i + "]", array.get(i));
        }
    }

    private void event(String path, JsonNode event) {
        if (!event.isObject()) {
            error(
                    path,
                    "expected an event object with id, type, timestamp and payload, got "
                            + describe(event));
            return;
        }
        int errorsBefore = errorCount();
        String eventId = text(path + ".id", event.get("id"), FieldRules::isUuid, FieldRules.UUID);
        String eventType =
                text(path + ".type", event.get("type"), FieldRules::isEventType, FieldRules.TYPE);
        String eventTimestampText =
                text(
                        path + ".timestamp",
                        event.get("timestamp"),
                        any -> true,
                        FieldRules.TIMESTAMP);
        Instant eventTimestamp =
                timestamp(path + ".timestamp", eventTimestampText, event.get("timestamp"));
        ObjectNode eventPayload = payload(path + ".payload", event.get("payload"));
        otherMembers(event, EVENT_MEMBERS, path + ".");
        if (errorCount() == errorsBefore) {
            events.add(
                    new InnerEvent(
                            eventId, eventType, eventTimestampText, eventTimestamp, eventPayload));
        }
    }

    private String text(String field, JsonNode value, Predicate<String> rule, String expected) {
        if (value == null) {
            missing(field, expected);
            return null;
        }
        if (!value.isTextual() || !rule.test(value.textValue())) {
            error(field, "expected " + expected + ", got " + describe(value));
            return null;
        }
        return value.textValue();
    }

    /** Parses {@code text} (null if {@link #text} already reported the field). */
    private Instant timestamp(String field, String text, JsonNode value) {
        if (text == null) {
            return null;
        }
        try {
            return Rfc3339.parse(text);
        } catch (DateTimeException e) {
            error(
                    field,
                    "expected "
                            + FieldRules.TIMESTAMP
                            + " ("
                            + e.getMessage()
                            + "), got "
                            + describe(value));
            return null;
        }
    }

    private ObjectNode payload(String field, JsonNode value) {
        if (value == null) {
            missing(field, FieldRules.PAYLOAD);
            return null;
        }
        if (!value.isObject()) {
            error(field, "expected " + FieldRules.PAYLOAD + ", got " + describe(value));
            return null;
        }
        String violation = IJson.violation(value, field);
        if (violation != null) {
            error(field, "expected I-JSON (finite numbers, well-formed strings), got " + violation);
            return null;
        }
        return (ObjectNode) value;
    }

    private void forbidInBatch(String field, JsonNode value) {
        if (value != null) {
            error(
                    field,
                    "expected no "
                            + field
                            + " member when _batchMode is true (each of events has its own), got "
                            + describe(value));
        }
    }

    /**
     * Members without a rule of their own are allowed, but are signed, so must be I-JSON: every
     * envelope that passes has a canonical form, and checking its signature cannot fail.
     */
    private void otherMembers(JsonNode object, Set<String> known, String prefix) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String name = member.getKey();
            if (known.contains(name)) {
                continue;
            }
            if (IJson.unpairedSurrogate(name) >= 0) {
                error(
                        prefix.isEmpty() ? "$" : prefix.substring(0, prefix.length() - 1),
                        "expected well-formed member names (I-JSON), got " + ValueText.quote(name));
                continue;
            }
            String violation = IJson.violation(member.getValue(), prefix + name);
            if (violation != null) {
                error(
                        prefix + name,
                        "expected I-JSON (finite numbers, well-formed strings), got " + violation);
            }
        }
    }

    private void missing(String field, String expected) {
        error(field, "expected " + expected + ", but it is missing");
    }

    private static String describe(JsonNode value) {
        return ValueText.of(value);
    }

    private void error(String field, String message) {
        if (errors.size() < MAX_LISTED_ERRORS) {
            errors.add(new EnvelopeError(field, message));
        } else {
            unlisted++;
        }
    }

    private int errorCount() {
        return errors.size() + unlisted;
    }
}
