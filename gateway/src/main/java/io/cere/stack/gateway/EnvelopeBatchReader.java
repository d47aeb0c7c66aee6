package io.cere.stack.gateway;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cere.stack.schemas.envelope.EnvelopeError;
import io.cere.stack.schemas.envelope.EnvelopeParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a request body (one envelope, or a JSON array of envelopes) into the records to write.
 *
 * <p>Each envelope keeps the exact bytes the client sent: an array element is sliced out of the
 * body between the byte offsets of its opening and closing brace, never re-serialized, so what
 * lands on Kafka is what the client signed, whitespace, escapes and all.
 *
 * <p>Only structure is checked here ({@link EnvelopeParser#validate}); signatures are the ingest
 * job's business. The request is all or nothing: if any envelope is invalid the whole request is
 * rejected, naming every bad field by index.
 */
final class EnvelopeBatchReader {

    static final int STATUS_BAD_REQUEST = 400;

    /** At most this many field errors are listed in a response; the rest are counted. */
    static final int MAX_LISTED_ERRORS = 100;

    private final EnvelopeParser parser;

    /** The parser's strict reading of one element; what follows it is the request's business. */
    private final ObjectReader elementReader;

    EnvelopeBatchReader(EnvelopeParser parser) {
        this.parser = parser;
        this.elementReader =
                parser.mapper().reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * Reads every envelope of a request body.
     *
     * @return the envelopes in request order, at least one
     * @throws RejectedRequest 400 {@code malformed_json} when the body is not one JSON value, or
     *     400 {@code invalid_events} naming each invalid envelope's index and fields
     */
    List<RawEnvelope> read(byte[] body) throws RejectedRequest {
        List<Element> elements = new ArrayList<>();
        Problems problems = new Problems();
        boolean array;
        int index = -1;
        try (JsonParser json = parser.mapper().createParser(body)) {
            JsonToken first = json.nextToken();
            if (first == null) {
                throw malformed(
                        "the request body is empty; expected a JSON object or an array of JSON"
                                + " objects");
            }
            if (first == JsonToken.START_OBJECT) {
                array = false;
                elements.add(objectSpan(json));
            } else if (first == JsonToken.START_ARRAY) {
                array = true;
                for (JsonToken token = json.nextToken();
                        token != JsonToken.END_ARRAY;
                        token = json.nextToken()) {
                    index++;
                    if (token == JsonToken.START_OBJECT) {
                        elements.add(objectSpan(json));
                    } else {
                        elements.add(Element.notAnObject(describe(token)));
                        json.skipChildren();
                    }
                }
                index = -1;
                if (elements.isEmpty()) {
                    problems.add(
                            -1,
                            "$",
                            "expected an envelope or a non-empty array of envelopes, found []");
                    throw problems.rejection("the request holds no envelope; nothing was written");
                }
            } else {
                problems.add(
                        -1,
                        "$",
                        "expected an envelope (a JSON object) or an array of envelopes, found "
                                + describe(first));
                throw problems.rejection("the request holds no envelope; nothing was written");
            }
            JsonToken trailing = json.nextToken();
            if (trailing != null) {
                throw malformed(
                        "unexpected "
                                + describe(trailing)
                                + " after the JSON value"
                                + at(json.currentTokenLocation()));
            }
        } catch (JsonProcessingException e) {
            String where = index >= 0 ? " (near the element at index " + index + ")" : "";
            throw malformed(e.getOriginalMessage() + at(e.getLocation()) + where);
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON from memory failed", e);
        }
        return validate(body, elements, array, problems);
    }

    private List<RawEnvelope> validate(
            byte[] body, List<Element> elements, boolean array, Problems problems)
            throws RejectedRequest {
        List<RawEnvelope> envelopes = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            Element element = elements.get(i);
            if (element.found() != null) {
                problems.add(i, "$", "expected a JSON object, found " + element.found());
                continue;
            }
            JsonNode node = element.tree();
            List<EnvelopeError> errors = parser.validate(node);
            if (errors.isEmpty()) {
                byte[] bytes = Arrays.copyOfRange(body, element.start(), element.end());
                envelopes.add(new RawEnvelope(node.get("id").asText(), bytes));
            } else {
                for (EnvelopeError error : errors) {
                    problems.add(array ? i : -1, error.field(), error.message());
                }
            }
        }
        if (problems.invalidEnvelopes() > 0) {
            throw problems.rejection(
                    array
                            ? problems.invalidEnvelopes()
                                    + " of "
                                    + elements.size()
                                    + " envelopes are invalid; nothing was written"
                            : "the envelope is invalid; nothing was written");
        }
        return envelopes;
    }

    /**
     * With the parser on START_OBJECT: reads the object's tree and where its bytes are, in one pass
     * (the bytes are what goes to Kafka, the tree is what is validated).
     */
    private Element objectSpan(JsonParser json) throws IOException {
        long start = json.currentTokenLocation().getByteOffset();
        JsonNode tree = elementReader.readTree(json);
        long end = json.currentLocation().getByteOffset();
        return new Element((int) start, (int) end, tree, null);
    }

    /**
     * A top-level value of the request: an object's bytes are {@code body[start, end)} and its tree
     * {@code tree}; anything else is described by {@code found}.
     */
    private record Element(int start, int end, JsonNode tree, String found) {
        static Element notAnObject(String found) {
            return new Element(-1, -1, null, found);
        }
    }

    private static RejectedRequest malformed(String message) {
        return RejectedRequest.of(
                STATUS_BAD_REQUEST, "malformed_json", "request body is not valid JSON: " + message);
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String describe(JsonToken token) {
        switch (token) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return token.asString() != null ? "'" + token.asString() + "'" : token.name();
        }
    }

    /** The field errors of a request, by envelope. */
    private static final class Problems {
        private final ArrayNode listed = GatewayResponse.object().arrayNode();
        private int omitted;
        private int invalidEnvelopes;
        private int lastIndex = Integer.MIN_VALUE;

        /** Records one error; {@code index} is -1 for the request as a whole or a single object. */
        void add(int index, String field, String message) {
            if (index != lastIndex || invalidEnvelopes == 0) {
                invalidEnvelopes++;
                lastIndex = index;
            }
            if (listed.size() >= MAX_LISTED_ERRORS) {
                omitted++;
                return;
            }
            ObjectNode error = listed.addObject();
            if (index >= 0) {
                error.put("index", index);
            }
            error.put("field", field);
            error.put("message", message);
        }

        int invalidEnvelopes() {
            return invalidEnvelopes;
        }

        RejectedRequest rejection(String message) {
            ObjectNode body = GatewayResponse.errorBody("invalid_events", message);
            body.set("errors", listed);
            if (omitted > 0) {
                body.put("errorsOmitted", omitted);
            }
            return new RejectedRequest(GatewayResponse.json(STATUS_BAD_REQUEST, body));
        }
    }
}
