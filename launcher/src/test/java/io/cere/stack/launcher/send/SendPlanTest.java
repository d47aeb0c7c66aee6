package io.cere.stack.launcher.send;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cere.stack.launcher.keys.SigningKey;
import io.cere.stack.schemas.envelope.Ed25519;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendPlanTest {

    private final EnvelopeFactory envelopes =
            new EnvelopeFactory(
                    new SigningKey(Ed25519.generate(new SecureRandom())),
                    "app",
                    "type",
                    JsonNodeFactory.instance.objectNode());

    private static List<SendPlan.Request> drain(SendPlan plan) {
        List<SendPlan.Request> requests = new ArrayList<>();
        for (SendPlan.Request r = plan.next(); r != null; r = plan.next()) {
            requests.add(r);
        }
        return requests;
    }

    @Test
    void cutsEventsIntoArraysOfAtMostTheBatchSize() {
        SendPlan plan = new SendPlan(envelopes, 250, 100, false);

        List<SendPlan.Request> requests = drain(plan);

        assertThat(plan.requests()).isEqualTo(3);
        assertThat(requests).extracting(r -> r.body().size()).containsExactly(100, 100, 50);
        assertThat(requests).allSatisfy(r -> assertThat(r.body().isArray()).isTrue());
        assertThat(requests.stream().flatMap(r -> r.eventIds().stream()))
                .hasSize(250)
                .doesNotHaveDuplicates();
    }

    @Test
    void inBatchModeSendsOneBatchEnvelopePerRequest() {
        List<SendPlan.Request> requests = drain(new SendPlan(envelopes, 7, 3, true));

        assertThat(requests).hasSize(3);
        assertThat(requests)
                .allSatisfy(r -> assertThat(r.body().get("_batchMode").asBoolean()).isTrue());
        assertThat(requests).extracting(r -> r.eventIds().size()).containsExactly(3, 3, 1);
    }
}
