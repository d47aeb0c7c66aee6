package io.cere.stack.schemas.envelope;

import static io.cere.stack.schemas.envelope.EnvelopeFixtures.KEYS;
import static io.cere.stack.schemas.envelope.EnvelopeFixtures.OTHER_KEYS;
import static io.cere.stack.schemas.envelope.EnvelopeFixtures.bytes;
import static io.cere.stack.schemas.envelope.EnvelopeFixtures.signedBatch;
import static io.cere.stack.schemas.envelope.EnvelopeFixtures.signedSingle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeParserTest {

    private static final EnvelopeParser PARSER = new EnvelopeParser();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void parsesASingleEnvelope() throws Exception {
        ObjectNode json = signedSingle();

        EventEnvelope envelope = PARSER.parse(bytes(json));

        assertThat(envelope.id()).isEqualTo("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
        assertThat(envelope.appId()).isEqualTo("cere.demo-app_1");
        assertThat(envelope.accountId()).isEqualTo(KEYS.publicKeyHex());
        assertThat(envelope.publicKey()).isEqualTo(KEYS.publicKey());
        assertThat(envelope.signatureHex()).isEqualTo(json.get("signature").textValue());
        assertThat(envelope.signature()).isEqualTo(Hex.decode(envelope.signatureHex()));
        assertThat(envelope.version()).isEqualTo(1);
        assertThat(envelope.timestampText()).isEqualTo("2026-11-21T07:00:00.123+01:00");
        assertThat(envelope.timestamp()).isEqualTo(Instant.parse("2026-11-21T06:00:00.123Z"));
        assertThat(envelope.batchMode()).isFalse();
        assertThat(envelope.type()).isEqualTo("page.view");
        assertThat(envelope.payload()).isEqualTo(json.get("payload"));
        assertThat(envelope.events()).isEmpty();
        assertThat(envelope.json()).isEqualTo(json);
        assertThat(envelope.hasValidSignature()).isTrue();
    }

    @Test
    void parsesABatchEnvelope() throws Exception {
        ObjectNode json = signedBatch(3);

        EventEnvelope envelope = PARSER.parse(bytes(json));

        assertThat(envelope.batchMode()).isTrue();
        assertThat(envelope.type()).isNull();
        assertThat(envelope.payload()).isNull();
        assertThat(envelope.timestamp()).isEqualTo(Instant.parse("2026-11-21T07:00:05Z"));
        assertThat(envelope.events())
                .extracting(InnerEvent::id, InnerEvent::type, InnerEvent::timestamp)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "00000000-0000-1234-0000-000000000000",
                                "click",
                                Instant.parse("2026-11-21T07:00:00.5Z")),
                        org.assertj.core.groups.Tuple.tuple(
                                "00000000-0000-1234-0000-000000000001",
                                "scroll",
                                Instant.parse("2026-11-21T07:00:01.5Z")),
                        org.assertj.core.groups.Tuple.tuple(
                                "00000000-0000-1234-0000-000000000002",
                                "click",
                                Instant.parse("2026-11-21T07:00:02.5Z")));
        assertThat(envelope.events().get(1).timestampText()).isEqualTo("2026-11-21T07:00:01.5Z");
        assertThat(envelope.events().get(1).payload()).isEqualTo(json.at("/events/1/payload"));
        assertThat(envelope.hasValidSignature()).isTrue();
    }

    @Test
    void normalisesUpperCaseHexToLowerCaseButVerifiesTheTextAsSigned() throws Exception {
        ObjectNode unsigned = EnvelopeFixtures.unsignedSingle(KEYS);
        unsigned.put("accountId", KEYS.publicKeyHex().toUpperCase(Locale.ROOT));
        ObjectNode json = EnvelopeSigner.sign(unsigned, KEYS.privateKey());
        json.put("signature", json.get("signature").textValue().toUpperCase(Locale.ROOT));

        EventEnvelope envelope = PARSER.parse(bytes(json));

        assertThat(envelope.accountId()).isEqualTo(KEYS.publicKeyHex());
        assertThat(envelope.signatureHex()).isEqualTo(envelope.signatureHex().toLowerCase());
        assertThat(envelope.hasValidSignature()).isTrue();
    }

    @Test
    void acceptsAnExplicitVersionOne() throws Exception {
        ObjectNode unsigned = EnvelopeFixtures.unsignedSingle(KEYS);
        unsigned.put("version", 1);

        EventEnvelope envelope =
                PARSER.parse(bytes(EnvelopeSigner.sign(unsigned, KEYS.privateKey())));

        assertThat(envelope.version()).isEqualTo(1);
        assertThat(envelope.hasValidSignature()).isTrue();
    }

    @ParameterizedTest(name = "version {0}")
    @ValueSource(strings = {"2", "0", "1.5", "\"1\"", "null", "[1]"})
    void rejectsAnyOtherVersionAsUnsupported(String version) throws Exception {
        byte[] json = withMember(signedSingle(), "version", version);

        EnvelopeException e = parseFails(json);

        assertThat(e.reason()).isEqualTo(EnvelopeException.Reason.UNSUPPORTED_VERSION);
        assertThat(e.errors())
                .singleElement()
                .satisfies(
                        error -> {
                            assertThat(error.field()).isEqualTo("version");
                            assertThat(error.message())
                                    .startsWith("expected 1")
                                    .endsWith("got " + version);
                        });
        assertThat(PARSER.validate(PARSER.readTree(json))).isEqualTo(e.errors());
    }

    @Test
    void allowsUnknownTopLevelMembersAndSignsThem() throws Exception {
        ObjectNode unsigned = EnvelopeFixtures.unsignedSingle(KEYS);
        unsigned.putObject("sdk").put("name", "cere-js").put("version", "1.2.3");
        unsigned.put("events", "not a batch, so just another member");
        ObjectNode json = EnvelopeSigner.sign(unsigned, KEYS.privateKey());

        assertThat(PARSER.parse(bytes(json)).hasValidSignature()).isTrue();

        json.remove("sdk");
        assertThat(PARSER.parse(bytes(json)).hasValidSignature()).isFalse();
    }

    @Test
    void keepsItsOwnCopyOfAParsedTree() throws Exception {
        ObjectNode json = signedSingle();
        EventEnvelope envelope = PARSER.parse(json);

        ((ObjectNode) json.get("payload")).put("count", 99);
        json.put("type", "changed");
        envelope.json().put("type", "changed too");

        assertThat(envelope.payload().get("count").intValue()).isEqualTo(3);
        assertThat(envelope.json().get("type").textValue()).isEqualTo("page.view");
        assertThat(envelope.hasValidSignature()).isTrue();
    }

    @Test
    void signedContentIsTheCanonicalEnvelopeWithoutSignature() throws Exception {
        ObjectNode json = signedSingle();
        ObjectNode withoutSignature = json.deepCopy();
        withoutSignature.remove("signature");

        EventEnvelope envelope = PARSER.parse(bytes(json));

        assertThat(envelope.signedContent())
                .isEqualTo(CanonicalJson.canonicalBytes(withoutSignature));
        envelope.signedContent()[0] = 'x';
        assertThat(envelope.signedContent()[0]).isEqualTo((byte) '{');
    }

    @Test
    void sharesOneParserBetweenThreads() throws Exception {
        List<byte[]> inputs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            ObjectNode unsigned = EnvelopeFixtures.unsignedSingle(KEYS);
            ((ObjectNode) unsigned.get("payload")).put("sequence", i);
            inputs.add(bytes(EnvelopeSigner.sign(unsigned, KEYS.privateKey())));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(
                        pool.submit(
                                () -> {
                                    int valid = 0;
                                    for (byte[] input : inputs) {
                                        EventEnvelope envelope = PARSER.parse(input);
                                        if (envelope.hasValidSignature()) {
                                            valid++;
                                        }
                                    }
                                    return valid;
                                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(inputs.size());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Each field rule, broken on its own, gives one error naming the field and the value. */
    @Nested
    class FieldRuleViolations {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.cere.stack.schemas.envelope.EnvelopeParserTest#brokenRules")
        void reportsTheBrokenRuleWithFieldValueAndExpectation(BrokenRule rule) {
            ObjectNode json = rule.batch() ? signedBatch(5) : signedSingle();
            rule.change().accept(json);

            List<EnvelopeError> errors = PARSER.validate(json);

            assertThat(errors)
                    .singleElement()
                    .satisfies(
                            error -> {
                                assertThat(error.field()).isEqualTo(rule.field());
                                assertThat(error.message())
                                        .startsWith("expected ")
                                        .contains(rule.seen());
                                assertThat(error.toString())
                                        .isEqualTo(rule.field() + ": " + error.message());
                            });
            EnvelopeException e =
                    catchThrowableOfType(EnvelopeException.class, () -> PARSER.parse(json));
            assertThat(e.reason()).isEqualTo(EnvelopeException.Reason.MALFORMED);
            assertThat(e.errors()).isEqualTo(errors);
            assertThat(e.getMessage()).isEqualTo(errors.get(0).toString());
        }

        @Test
        void reportsEveryBrokenFieldAtOnce() {
            ObjectNode json = signedSingle();
            json.put("id", "nope");
            json.remove("appId");
            json.put("accountId", "abc");
            json.put("type", "");
            json.put("timestamp", "today");
            json.putArray("payload");
            json.put("signature", 7);

            EnvelopeException e =
                    catchThrowableOfType(EnvelopeException.class, () -> PARSER.parse(json));

            assertThat(e.reason()).isEqualTo(EnvelopeException.Reason.MALFORMED);
            assertThat(e.errors())
                    .extracting(EnvelopeError::field)
                    .containsExactlyInAnyOrder(
                            "id",
                            "appId",
                            "accountId",
                            "type",
                            "timestamp",
                            "payload",
                            "signature");
            assertThat(e.getMessage())
                    .contains("id: expected a UUID", "; appId: expected", "signature: expected");
        }

        @Test
        void truncatesTheValueSeenTo64Characters() {
            ObjectNode json = signedSingle();
            json.put("appId", "-" + "a".repeat(500));

            EnvelopeError error = PARSER.validate(json).get(0);

            assertThat(error.message())
                    .contains("got \"-" + "a".repeat(62) + "...")
                    .doesNotContain("a".repeat(63));
        }

        @Test
        void escapesControlCharactersAndUnpairedSurrogatesInTheValueSeen() {
            ObjectNode json = signedSingle();
            json.put("id", "\u0000\n\ud800\"");

            assertThat(PARSER.validate(json).get(0).message())
                    .endsWith("got \"\\u0000\\u000a\\ud800\\\"\"");
        }

        @Test
        void listsAtMostOneHundredErrorsAndCountsTheRest() {
            ObjectNode json = signedBatch(150);
            for (JsonNode event : json.get("events")) {
                ((ObjectNode) event).put("timestamp", "later");
            }

            List<EnvelopeError> errors = PARSER.validate(json);

            assertThat(errors).hasSize(EnvelopeValidation.MAX_LISTED_ERRORS + 1);
            assertThat(errors.get(99).field()).isEqualTo("events[99].timestamp");
            assertThat(errors.get(100))
                    .isEqualTo(new EnvelopeError("$", "and 50 more errors not listed"));
        }
    }

    @Nested
    class Malformed {

        @ParameterizedTest(name = "{0}")
        @ValueSource(
                strings = {
                    "{",
                    "{\"id\": 1,}",
                    "{} {}",
                    "{\"payload\": {\"x\": NaN}}",
                    "{\"payload\": {\"x\": 01}}",
                    "{'id': 1}",
                    "{\"id\": \"a\" /* comment */}",
                    "{\"id\": \"tab\tinside\"}",
                })
        void rejectsTextThatIsNotStrictJsonWithItsPosition(String text) {
            EnvelopeException e = parseFails(text.getBytes(StandardCharsets.UTF_8));

            assertThat(e.reason()).isEqualTo(EnvelopeException.Reason.MALFORMED);
            assertThat(e.errors())
                    .singleElement()
                    .satisfies(
                            error -> {
                                assertThat(error.field()).isEqualTo("$");
                                assertThat(error.message())
                                        .startsWith("expected JSON, got ")
                                        .contains("line 1, column");
                            });
            assertThat(e.getCause()).isNotNull();
        }

        @Test
        void rejectsDuplicateTopLevelMembers() {
            String json = new String(bytes(signedSingle()), StandardCharsets.UTF_8);
            byte[] duplicated =
                    json.replaceFirst("\\{", "{\"type\":\"other\",\n")
                            .getBytes(StandardCharsets.UTF_8);

            EnvelopeException e = parseFails(duplicated);

            assertThat(e.reason()).isEqualTo(EnvelopeException.Reason.MALFORMED);
            assertThat(e.errors())
                    .singleElement()
                    .satisfies(
                            error -> {
                                assertThat(error.field()).isEqualTo("$");
                                assertThat(error.message())
                                        .contains("Duplicate field 'type'", "line 2");
                            });
        }

        @Test
        void rejectsDuplicateMembersDeepInThePayload() {
            byte[] json = withMember(signedSingle(), "payload", "{\"a\": [{\"b\": 1, \"b\": 2}]}");

            EnvelopeException e = parseFails(json);

            assertThat(e.reason()).isEqualTo(EnvelopeException.Reason.MALFORMED);
            assertThat(e.errors().get(0).message()).contains("Duplicate field 'b'");
        }

        @Test
        void rejectsInvalidUtf8() {
            byte[] json = withMember(signedSingle(), "type", "\"caf\u00e9\"");
            int at = new String(json, StandardCharsets.ISO_8859_1).indexOf("caf") + 3;
            json[at] = (byte) 0xff;

            EnvelopeException e = parseFails(json);

            assertThat(e.errors()).singleElement().extracting(EnvelopeError::field).isEqualTo("$");
        }

        @Test
        void rejectsEmptyInput() {
            EnvelopeException e = parseFails(new byte[0]);

            assertThat(e.errors())
                    .containsExactly(
                            new EnvelopeError("$", "expected a JSON object, got no content"));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"[1]", "\"envelope\"", "42", "null", "true"})
        void rejectsJsonThatIsNotAnObject(String text) throws Exception {
            EnvelopeException e = parseFails(text.getBytes(StandardCharsets.UTF_8));

            assertThat(e.reason()).isEqualTo(EnvelopeException.Reason.MALFORMED);
            assertThat(e.errors())
                    .containsExactly(new EnvelopeError("$", "expected a JSON object, got " + text));
            assertThat(
                            catchThrowableOfType(
                                            EnvelopeException.class,
                                            () ->
                                                    PARSER.parse(
                                                            PARSER.readTree(
                                                                    text.getBytes(
                                                                            StandardCharsets
                                                                                    .UTF_8))))
                                    .errors())
                    .isEqualTo(e.errors());
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource(
                "io.cere.stack.schemas.envelope.EnvelopeParserTest#numbersBeyondTheDoubleRange")
        void rejectsNumbersBeyondTheDoubleRangeAtThePayload(String number) {
            byte[] json =
                    withMember(signedSingle(), "payload", "{\"a\": {\"b\": [0, " + number + "]}}");

            EnvelopeException e = parseFails(json);

            assertThat(e.reason()).isEqualTo(EnvelopeException.Reason.MALFORMED);
            assertThat(e.errors())
                    .singleElement()
                    .satisfies(
                            error -> {
                                assertThat(error.field()).isEqualTo("payload");
                                assertThat(error.message())
                                        .contains("outside the double range at payload.a.b[1]");
                            });
        }
    }

    @Nested
    class Batches {

        @Test
        void acceptsTenThousandEvents() throws Exception {
            EventEnvelope envelope =
                    PARSER.parse(bytes(signedBatch(EventEnvelope.MAX_BATCH_EVENTS)));

            assertThat(envelope.events()).hasSize(10_000);
            assertThat(envelope.hasValidSignature()).isTrue();
        }

        @Test
        void rejectsTenThousandAndOneEvents() {
            ObjectNode json = signedBatch(EventEnvelope.MAX_BATCH_EVENTS + 1);

            EnvelopeException e =
                    catchThrowableOfType(EnvelopeException.class, () -> PARSER.parse(json));

            assertThat(e.reason()).isEqualTo(EnvelopeException.Reason.MALFORMED);
            assertThat(e.errors())
                    .containsExactly(
                            new EnvelopeError(
                                    "events", "expected at most 10000 events, got 10001"));
        }

        @Test
        void treatsBatchModeFalseAsASingleEnvelope() throws Exception {
            ObjectNode unsigned = EnvelopeFixtures.unsignedSingle(KEYS);
            unsigned.put("_batchMode", false);

            EventEnvelope envelope =
                    PARSER.parse(bytes(EnvelopeSigner.sign(unsigned, KEYS.privateKey())));

            assertThat(envelope.batchMode()).isFalse();
            assertThat(envelope.type()).isEqualTo("page.view");
            assertThat(envelope.hasValidSignature()).isTrue();
        }
    }

    @Nested
    class Signatures {

        @Test
        void verifiesWhateverTheMemberOrderWhitespaceAndNumberSpelling() throws Exception {
            ObjectNode json = signedSingle();
            String reordered =
                    "{\n  \"signature\" : \""
                            + json.get("signature").textValue()
                            + "\",\n"
                            + "  \"payload\" : { \"tags\" : [ \"a\", \"\\ud83d\\ude00\", null, true ],"
                            + " \"count\" : 3.0, \"durationMs\" : 12505e-1,"
                            + " \"url\" : \"https://example.org/caf\\u00e9?q=\\u20ac\" },\n"
                            + "  \"timestamp\" : \"2026-11-21T07:00:00.123+01:00\",\n"
                            + "  \"type\" : \"page.view\", \"accountId\" : \""
                            + KEYS.publicKeyHex()
                            + "\",\n"
                            + "  \"appId\" : \"cere.demo-app_1\", \"id\" : \"1b4e28ba-2fa1-11d2-883f-0016d3cca427\"\n}";

            EventEnvelope envelope = PARSER.parse(reordered.getBytes(StandardCharsets.UTF_8));

            assertThat(envelope.hasValidSignature()).isTrue();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.cere.stack.schemas.envelope.EnvelopeParserTest#tamperings")
        void rejectsATamperedEnvelope(Tampering tampering) throws Exception {
            ObjectNode json = tampering.batch() ? signedBatch(5) : signedSingle();
            tampering.change().accept(json);

            EventEnvelope envelope = PARSER.parse(bytes(json));

            assertThat(envelope.hasValidSignature()).isFalse();
        }

        @Test
        void rejectsAnEnvelopeSignedWithAnotherKey() throws Exception {
            ObjectNode unsigned = EnvelopeFixtures.unsignedSingle(KEYS);

            EventEnvelope envelope =
                    PARSER.parse(bytes(EnvelopeSigner.sign(unsigned, OTHER_KEYS.privateKey())));

            assertThat(envelope.hasValidSignature()).isFalse();
        }

        @Test
        void rejectsAnAccountIdThatIsNotACurvePoint() throws Exception {
            ObjectNode json = signedSingle();
            json.put("accountId", "02" + "00".repeat(31));

            assertThat(PARSER.parse(bytes(json)).hasValidSignature()).isFalse();
        }
    }

    record BrokenRule(
            String name, boolean batch, String field, Consumer<ObjectNode> change, String seen) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Tampering(String name, boolean batch, Consumer<ObjectNode> change) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BrokenRule> brokenRules() {
        return Stream.of(
                single("id missing", "id", json -> json.remove("id"), "missing"),
                single("id not a string", "id", json -> json.put("id", 42), "got 42"),
                single(
                        "id not a UUID",
                        "id",
                        json -> json.put("id", "not-a-uuid"),
                        "\"not-a-uuid\""),
                single(
                        "id without hyphens",
                        "id",
                        set("id", "1b4e28ba2fa111d2883f0016d3cca427"),
                        "1b4e28ba2fa111d2883f0016d3cca427"),
                single(
                        "id with a non-hex digit",
                        "id",
                        set("id", "1b4e28ba-2fa1-11d2-883f-0016d3cca42g"),
                        "cca42g"),
                single(
                        "id in braces",
                        "id",
                        set("id", "{1b4e28ba-2fa1-11d2-883f-0016d3cca427}"),
                        "{1b4e"),
                single("appId missing", "appId", json -> json.remove("appId"), "missing"),
                single("appId empty", "appId", set("appId", ""), "got \"\""),
                single("appId starting with a dash", "appId", set("appId", "-app"), "\"-app\""),
                single("appId with a space", "appId", set("appId", "my app"), "\"my app\""),
                single("appId with a slash", "appId", set("appId", "app/1"), "\"app/1\""),
                single(
                        "appId with a non-ASCII letter",
                        "appId",
                        set("appId", "caf\u00e9"),
                        "caf\u00e9"),
                single("appId of 129 characters", "appId", set("appId", "a".repeat(129)), "\"aaaa"),
                single("appId not a string", "appId", json -> json.put("appId", 7), "got 7"),
                single(
                        "accountId of 63 hex digits",
                        "accountId",
                        set("accountId", "a".repeat(63)),
                        "aaa"),
                single(
                        "accountId of 65 hex digits",
                        "accountId",
                        set("accountId", "a".repeat(65)),
                        "aaa"),
                single(
                        "accountId with a non-hex digit",
                        "accountId",
                        set("accountId", "g" + "a".repeat(63)),
                        "\"gaaa"),
                single(
                        "accountId with 0x prefix",
                        "accountId",
                        set("accountId", "0x" + "a".repeat(62)),
                        "\"0xaa"),
                single(
                        "accountId missing",
                        "accountId",
                        json -> json.remove("accountId"),
                        "missing"),
                single(
                        "accountId not a string",
                        "accountId",
                        json -> json.put("accountId", 1),
                        "got 1"),
                single("type missing", "type", json -> json.remove("type"), "missing"),
                single("type empty", "type", set("type", ""), "got \"\""),
                single("type of 129 characters", "type", set("type", "t".repeat(129)), "\"tttt"),
                single(
                        "type with a newline",
                        "type",
                        set("type", "page\nview"),
                        "\"page\\u000aview\""),
                single(
                        "type with a C1 control",
                        "type",
                        set("type", "page\u0085"),
                        "\"page\\u0085\""),
                single(
                        "type with an unpaired surrogate",
                        "type",
                        set("type", "page\ud83d"),
                        "\"page\\ud83d\""),
                single(
                        "events member of a single envelope with NaN",
                        "events",
                        json -> json.putArray("events").add(Double.NaN),
                        "outside the double range at events[0]"),
                single("type not a string", "type", json -> json.put("type", 42), "got 42"),
                single("type null", "type", json -> json.putNull("type"), "got null"),
                single(
                        "timestamp missing",
                        "timestamp",
                        json -> json.remove("timestamp"),
                        "missing"),
                single(
                        "timestamp date only",
                        "timestamp",
                        set("timestamp", "2026-11-21"),
                        "\"2026-11-21\""),
                single(
                        "timestamp without offset",
                        "timestamp",
                        set("timestamp", "2026-11-21T07:00:00"),
                        "got \"2026-11-21T07:00:00\""),
                single(
                        "timestamp with a space",
                        "timestamp",
                        set("timestamp", "2026-11-21 07:00:00Z"),
                        "\"2026-11-21 07:00:00Z\""),
                single(
                        "timestamp month 13",
                        "timestamp",
                        set("timestamp", "2026-13-01T00:00:00Z"),
                        "MonthOfYear"),
                single(
                        "timestamp February 30",
                        "timestamp",
                        set("timestamp", "2026-02-30T00:00:00Z"),
                        "FEBRUARY 30"),
                single(
                        "timestamp hour 24",
                        "timestamp",
                        set("timestamp", "2026-11-21T24:00:00Z"),
                        "hour 24 is above 23"),
                single(
                        "timestamp without seconds",
                        "timestamp",
                        set("timestamp", "2026-11-21T07:00Z"),
                        "\"2026-11-21T07:00Z\""),
                single(
                        "timestamp with an empty fraction",
                        "timestamp",
                        set("timestamp", "2026-11-21T07:00:00.Z"),
                        "no digits after the decimal point"),
                single(
                        "timestamp offset without colon",
                        "timestamp",
                        set("timestamp", "2026-11-21T07:00:00+0100"),
                        "+0100"),
                single(
                        "timestamp offset with seconds",
                        "timestamp",
                        set("timestamp", "2026-11-21T07:00:00+01:00:00"),
                        "+01:00:00"),
                single(
                        "timestamp offset hour 24",
                        "timestamp",
                        set("timestamp", "2026-11-21T07:00:00+24:00"),
                        "offset hour 24"),
                single(
                        "timestamp as epoch seconds",
                        "timestamp",
                        json -> json.put("timestamp", 1763708400),
                        "got 1763708400"),
                single("payload missing", "payload", json -> json.remove("payload"), "missing"),
                single("payload an array", "payload", json -> json.putArray("payload"), "got []"),
                single("payload a string", "payload", set("payload", "{}"), "got \"{}\""),
                single("payload null", "payload", json -> json.putNull("payload"), "got null"),
                single(
                        "payload with an infinite number",
                        "payload",
                        json -> payload(json).putObject("x").put("y", Double.POSITIVE_INFINITY),
                        "outside the double range at payload.x.y"),
                single(
                        "payload with NaN",
                        "payload",
                        json -> payload(json).putArray("x").add(Double.NaN),
                        "outside the double range at payload.x[0]"),
                single(
                        "payload with an unpaired surrogate",
                        "payload",
                        json -> payload(json).put("s", "\udc00"),
                        "unpaired surrogate at payload.s"),
                single(
                        "payload with an unpaired surrogate in a name",
                        "payload",
                        json -> payload(json).put("\ud800", 1),
                        "member name with an unpaired surrogate"),
                single(
                        "signature missing",
                        "signature",
                        json -> json.remove("signature"),
                        "missing"),
                single(
                        "signature of 127 hex digits",
                        "signature",
                        set("signature", "a".repeat(127)),
                        "aaa"),
                single(
                        "signature of 129 hex digits",
                        "signature",
                        set("signature", "a".repeat(129)),
                        "aaa"),
                single(
                        "signature with a non-hex digit",
                        "signature",
                        set("signature", "z".repeat(128)),
                        "zzz"),
                single(
                        "signature not a string",
                        "signature",
                        json -> json.put("signature", 0),
                        "got 0"),
                single(
                        "_batchMode not a boolean",
                        "_batchMode",
                        set("_batchMode", "true"),
                        "expected true or false, got \"true\""),
                single(
                        "unknown member with an infinite number",
                        "sdk",
                        json -> json.putObject("sdk").put("n", Double.NEGATIVE_INFINITY),
                        "at sdk.n"),
                single(
                        "unknown member named with an unpaired surrogate",
                        "$",
                        json -> json.put("\udfff", 1),
                        "\"\\udfff\""),
                batch("type in batch mode", "type", set("type", "click"), "got \"click\""),
                batch(
                        "payload in batch mode",
                        "payload",
                        json -> json.putObject("payload"),
                        "got {}"),
                batch("events missing", "events", json -> json.remove("events"), "missing"),
                batch("events empty", "events", json -> json.putArray("events"), "got []"),
                batch("events an object", "events", json -> json.putObject("events"), "got {}"),
                batch(
                        "events element not an object",
                        "events[1]",
                        json -> events(json).set(1, NODES.textNode("x")),
                        "got \"x\""),
                batch(
                        "inner event timestamp",
                        "events[3].timestamp",
                        json -> event(json, 3).put("timestamp", "yesterday"),
                        "\"yesterday\""),
                batch(
                        "inner event id",
                        "events[0].id",
                        json -> event(json, 0).put("id", "1"),
                        "got \"1\""),
                batch(
                        "inner event type missing",
                        "events[2].type",
                        json -> event(json, 2).remove("type"),
                        "missing"),
                batch(
                        "inner event payload an array",
                        "events[4].payload",
                        json -> event(json, 4).putArray("payload"),
                        "got []"),
                batch(
                        "inner event payload with NaN",
                        "events[0].payload",
                        json -> ((ObjectNode) event(json, 0).get("payload")).put("n", Double.NaN),
                        "at events[0].payload.n"),
                batch(
                        "inner event unknown member with NaN",
                        "events[1].extra",
                        json -> event(json, 1).put("extra", Double.NaN),
                        "at events[1].extra"));
    }

    static Stream<String> numbersBeyondTheDoubleRange() {
        return Stream.of("1e999", "-1e400", "1" + "0".repeat(400));
    }

    static Stream<Tampering> tamperings() {
        return Stream.of(
                new Tampering("payload value", false, json -> payload(json).put("count", 4)),
                new Tampering("payload member added", false, json -> payload(json).put("extra", 1)),
                new Tampering(
                        "payload member removed", false, json -> payload(json).remove("tags")),
                new Tampering("type", false, set("type", "page.click")),
                new Tampering("appId", false, set("appId", "other-app")),
                new Tampering("id", false, set("id", "1b4e28ba-2fa1-11d2-883f-0016d3cca428")),
                new Tampering(
                        "timestamp", false, set("timestamp", "2026-11-21T07:00:00.124+01:00")),
                new Tampering(
                        "accountId case",
                        false,
                        json ->
                                json.put(
                                        "accountId",
                                        json.get("accountId")
                                                .textValue()
                                                .toUpperCase(Locale.ROOT))),
                new Tampering("member added", false, json -> json.put("extra", true)),
                new Tampering("version added", false, json -> json.put("version", 1)),
                new Tampering(
                        "signature bit flipped",
                        false,
                        json -> {
                            String signature = json.get("signature").textValue();
                            json.put(
                                    "signature",
                                    (signature.charAt(0) == '0' ? "1" : "0")
                                            + signature.substring(1));
                        }),
                new Tampering(
                        "inner event payload",
                        true,
                        json -> ((ObjectNode) event(json, 2).get("payload")).put("position", 99)),
                new Tampering(
                        "inner event type", true, json -> event(json, 4).put("type", "other")),
                new Tampering(
                        "inner event timestamp",
                        true,
                        json -> event(json, 0).put("timestamp", "2026-11-21T07:00:00.6Z")),
                new Tampering(
                        "inner events swapped",
                        true,
                        json -> {
                            JsonNode first = events(json).get(0);
                            events(json).set(0, events(json).get(1));
                            events(json).set(1, first);
                        }),
                new Tampering("inner event removed", true, json -> events(json).remove(4)),
                new Tampering("batch timestamp", true, set("timestamp", "2026-11-21T07:00:06Z")));
    }

    private static BrokenRule single(
            String name, String field, Consumer<ObjectNode> change, String seen) {
        return new BrokenRule(name, false, field, change, seen);
    }

    private static BrokenRule batch(
            String name, String field, Consumer<ObjectNode> change, String seen) {
        return new BrokenRule(name, true, field, change, seen);
    }

    private static Consumer<ObjectNode> set(String field, String value) {
        return json -> json.put(field, value);
    }

    private static ObjectNode payload(ObjectNode json) {
        return (ObjectNode) json.get("payload");
    }

    private static ArrayNode events(ObjectNode json) {
        return (ArrayNode) json.get("events");
    }

    private static ObjectNode event(ObjectNode json, int index) {
        return (ObjectNode) events(json).get(index);
    }

    /** The envelope's JSON text with {@code name} set to the raw JSON text {@code value}. */
    private static byte[] withMember(ObjectNode json, String name, String value) {
        ObjectNode copy = json.deepCopy();
        copy.remove(name);
        String text = new String(bytes(copy), StandardCharsets.UTF_8);
        return ("{\"" + name + "\":" + value + "," + text.substring(1))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static EnvelopeException parseFails(byte[] json) {
        EnvelopeException e =
                catchThrowableOfType(EnvelopeException.class, () -> PARSER.parse(json));
        assertThat(e).as("parse(%s)", new String(json, StandardCharsets.UTF_8)).isNotNull();
        return e;
    }
}
