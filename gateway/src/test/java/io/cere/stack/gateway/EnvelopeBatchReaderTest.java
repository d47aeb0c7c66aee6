package io.cere.stack.gateway;

import static io.cere.stack.gateway.testutils.SignedEnvelopes.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cere.stack.gateway.testutils.SignedEnvelopes;
import io.cere.stack.schemas.envelope.EnvelopeParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvelopeBatchReaderTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SignedEnvelopes envelopes = new SignedEnvelopes(42);
    private final EnvelopeBatchReader reader = new EnvelopeBatchReader(new EnvelopeParser());

    /** Structurally valid envelope text, written the way no serializer would write it. */
    private String oddlyFormatted(String id) {
        return "{ \"id\" :\t\""
                + id
                + "\",\n"
                + "  \"appId\":\"app-1\" ,\"accountId\": \""
                + envelopes.accountId()
                + "\",\r\n"
                + "  \"type\": \"page.view\", \"timestamp\": \"2026-11-21T07:00:00+01:00\",\n"
                + "  \"payload\": { \"text\": \"caf\\u00e9 caf\u00e9 \u2615 \uD834\uDD1E } ] \\\" {\","
                + " \"n\": [1, 2.50, -0.0, 1E3], \"nested\": {\"a\": [{}, []]} },\n"
                + "  \"signature\": \""
                + "ab".repeat(64)
                + "\"\n}";
    }

    @Test
    void keepsTheExactBytesOfASingleEnvelope() throws RejectedRequest {
        String id = envelopes.newId();
        String envelope = oddlyFormatted(id);

        List<RawEnvelope> read = reader.read(utf8("\n  " + envelope + " \n"));

        assertThat(read).hasSize(1);
        assertThat(read.get(0).id()).isEqualTo(id);
        assertThat(read.get(0).bytes()).isEqualTo(utf8(envelope));
    }

    @Test
    void slicesEachArrayElementOutOfTheBodyUnchanged() throws RejectedRequest {
        String firstId = envelopes.newId();
        ObjectNode second = envelopes.signed(1);
        ObjectNode third = envelopes.signed(2);
        List<String> texts =
                List.of(
                        oddlyFormatted(firstId),
                        SignedEnvelopes.json(second),
                        SignedEnvelopes.prettyJson(third));
        String body =
                "\uFEFF[\n"
                        + texts.get(0)
                        + " ,\n\t"
                        + texts.get(1)
                        + ",\r\n"
                        + texts.get(2)
                        + "\n]\n";

        List<RawEnvelope> read = reader.read(utf8(body));

        assertThat(read)
                .extracting(RawEnvelope::id)
                .containsExactly(firstId, second.get("id").asText(), third.get("id").asText());
        for (int i = 0; i < 3; i++) {
            assertThat(read.get(i).bytes()).as("element %d", i).isEqualTo(utf8(texts.get(i)));
        }
    }

    @Test
    void rejectsTheWholeArrayWhenOneEnvelopeIsInvalid() throws IOException {
        String good = SignedEnvelopes.json(envelopes.signed(1));
        String badAccount =
                SignedEnvelopes.json(envelopes.signed(2).put("accountId", "not-a-public-key"));
        String body =
                "[" + good + "," + badAccount + "," + good.replace("\"n\":1", "\"n\":3") + "]";

        RejectedRequest rejected = reject(body);

        JsonNode answer = body(rejected);
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(answer.get("error").asText()).isEqualTo("invalid_events");
        assertThat(answer.get("message").asText())
                .isEqualTo("1 of 3 envelopes are invalid; nothing was written");
        assertThat(answer.get("errors")).hasSize(1);
        assertThat(answer.at("/errors/0/index").asInt()).isEqualTo(1);
        assertThat(answer.at("/errors/0/field").asText()).isEqualTo("accountId");
        assertThat(answer.at("/errors/0/message").asText()).isNotBlank();
    }

    @Test
    void namesEveryBadFieldOfEveryInvalidEnvelope() throws IOException {
        String missingId = SignedEnvelopes.json(withoutField(envelopes.signed(1), "id"));
        String good = SignedEnvelopes.json(envelopes.signed(2));
        String twoBad =
                SignedEnvelopes.json(
                        envelopes.signed(3).put("timestamp", 17).put("signature", "zz"));

        RejectedRequest rejected = reject("[" + missingId + "," + good + "," + twoBad + "]");

        JsonNode answer = body(rejected);
        assertThat(answer.get("message").asText())
                .isEqualTo("2 of 3 envelopes are invalid; nothing was written");
        List<String> indexAndField = new ArrayList<>();
        answer.get("errors")
                .forEach(
                        e ->
                                indexAndField.add(
                                        e.get("index").asInt() + ":" + e.get("field").asText()));
        assertThat(indexAndField).contains("0:id", "2:timestamp", "2:signature");
        assertThat(indexAndField).noneMatch(entry -> entry.startsWith("1:"));
    }

    @Test
    void namesTheFieldsOfASingleInvalidEnvelopeWithoutAnIndex() throws IOException {
        RejectedRequest rejected =
                reject(SignedEnvelopes.json(withoutField(envelopes.signed(1), "appId")));

        JsonNode answer = body(rejected);
        assertThat(answer.get("message").asText())
                .isEqualTo("the envelope is invalid; nothing was written");
        assertThat(answer.at("/errors/0/field").asText()).isEqualTo("appId");
        assertThat(answer.at("/errors/0").has("index")).isFalse();
    }

    @Test
    void rejectsArrayElementsThatAreNotObjects() throws IOException {
        String good = SignedEnvelopes.json(envelopes.signed(1));

        RejectedRequest rejected = reject("[" + good + ", 42, [\"x\"], null]");

        JsonNode answer = body(rejected);
        assertThat(answer.get("message").asText())
                .isEqualTo("3 of 4 envelopes are invalid; nothing was written");
        assertThat(answer.at("/errors/0/index").asInt()).isEqualTo(1);
        assertThat(answer.at("/errors/0/field").asText()).isEqualTo("$");
        assertThat(answer.at("/errors/0/message").asText()).contains("a number");
        assertThat(answer.at("/errors/1/message").asText()).contains("an array");
        assertThat(answer.at("/errors/2/message").asText()).contains("null");
    }

    @Test
    void rejectsBodiesThatAreNotJson() throws IOException {
        String good = SignedEnvelopes.json(envelopes.signed(1));
        for (String body :
                List.of(
                        "",
                        "   ",
                        "not json",
                        "{\"id\": ",
                        "[" + good + ",",
                        good + " {}",
                        good + " trailing",
                        "{\"id\":\"a\",\"id\":\"b\"}",
                        "[" + good + ", {\"p\": {\"x\": 1, \"x\": 2}}]")) {
            RejectedRequest rejected = reject(body);
            assertThat(rejected.status()).as(body).isEqualTo(400);
            assertThat(body(rejected).get("error").asText()).as(body).isEqualTo("malformed_json");
        }
    }

    @Test
    void reportsWhereTheJsonBreaks() throws IOException {
        RejectedRequest rejected = reject("[{\"id\": \"a\"},\n {\"id\": }]");

        assertThat(body(rejected).get("message").asText()).contains("line 2").contains("index 1");
    }

    @Test
    void rejectsJsonThatHoldsNoEnvelope() throws IOException {
        for (String body : List.of("[]", "42", "\"envelope\"", "null", "true")) {
            RejectedRequest rejected = reject(body);
            JsonNode answer = body(rejected);
            assertThat(answer.get("error").asText()).as(body).isEqualTo("invalid_events");
            assertThat(answer.at("/errors/0/field").asText()).as(body).isEqualTo("$");
        }
    }

    @Test
    void listsAtMostAHundredErrors() throws IOException {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 150; i++) {
            body.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append('}');
        }
        body.append(']');

        JsonNode answer = body(reject(body.toString()));

        assertThat(answer.get("message").asText())
                .isEqualTo("150 of 150 envelopes are invalid; nothing was written");
        assertThat(answer.get("errors")).hasSize(EnvelopeBatchReader.MAX_LISTED_ERRORS);
        assertThat(answer.get("errorsOmitted").asInt()).isPositive();
    }

    private RejectedRequest reject(String body) {
        RejectedRequest rejected =
                catchThrowableOfType(RejectedRequest.class, () -> reader.read(utf8(body)));
        assertThat(rejected).as("rejection of %s", body).isNotNull();
        return rejected;
    }

    private static JsonNode body(RejectedRequest rejected) throws IOException {
        assertThat(rejected.response().contentType()).isEqualTo("application/json");
        return MAPPER.readTree(rejected.response().body());
    }

    private static ObjectNode withoutField(ObjectNode envelope, String field) {
        envelope.remove(field);
        return envelope;
    }
}
