package io.cere.stack.launcher.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GatewayClientTest {

    private final List<Duration> slept = new ArrayList<>();

    private GatewayClient client(GatewayClient.Response... answers) {
        Deque<GatewayClient.Response> queue = new ArrayDeque<>(List.of(answers));
        return new GatewayClient(
                URI.create("http://127.0.0.1:8080/events"),
                body -> queue.removeFirst(),
                slept::add);
    }

    private static GatewayClient.Response answer(int status, String retryAfter) {
        return new GatewayClient.Response(status, Optional.ofNullable(retryAfter), "{}");
    }

    @Test
    void retriesA503AfterTheRetryAfterItAskedFor() throws Exception {
        GatewayClient client = client(answer(503, "2"), answer(503, null), answer(202, null));

        GatewayClient.Answer answer = client.post(new byte[0]);

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.attempts()).isEqualTo(3);
        assertThat(slept).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(1));
    }

    @Test
    void givesUpAfterTheLastAttempt() throws Exception {
        GatewayClient.Response[] busy = new GatewayClient.Response[GatewayClient.MAX_ATTEMPTS];
        java.util.Arrays.fill(busy, answer(503, "1"));

        GatewayClient.Answer answer = client(busy).post(new byte[0]);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.attempts()).isEqualTo(GatewayClient.MAX_ATTEMPTS);
        assertThat(answer.accepted()).isFalse();
    }

    @Test
    void doesNotRetryOtherErrors() throws Exception {
        GatewayClient.Answer answer = client(answer(400, null)).post(new byte[0]);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(slept).isEmpty();
    }

    @Test
    void keepsRetryAfterWithinBounds() {
        assertThat(GatewayClient.retryAfter(Optional.of("3600"))).isEqualTo(Duration.ofSeconds(30));
        assertThat(GatewayClient.retryAfter(Optional.of("Wed, 21 Oct 2026 07:28:00 GMT")))
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(GatewayClient.retryAfter(Optional.of("-5"))).isEqualTo(Duration.ofSeconds(1));
        assertThat(GatewayClient.retryAfter(Optional.of(" 0 "))).isEqualTo(Duration.ZERO);
    }

    @Test
    void acceptsTheGatewayWithOrWithoutTheEventsPath() {
        assertThat(GatewayClient.eventsUri("http://127.0.0.1:8080"))
                .isEqualTo(URI.create("http://127.0.0.1:8080/events"));
        assertThat(GatewayClient.eventsUri("http://127.0.0.1:8080/"))
                .isEqualTo(URI.create("http://127.0.0.1:8080/events"));
        assertThat(GatewayClient.eventsUri("http://h:1/events"))
                .isEqualTo(URI.create("http://h:1/events"));
    }
}
