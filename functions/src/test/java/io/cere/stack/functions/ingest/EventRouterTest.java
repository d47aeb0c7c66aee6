package io.cere.stack.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.cere.stack.schemas.avro.EnrichedEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class EventRouterTest {

    private static List<String> route(EventRouter router, String appId, String type) {
        EnrichedEvent event = new EnrichedEvent();
        event.setAppId(appId);
        event.setType(type);
        List<String> topics = new ArrayList<>();
        router.flatMap(
                event,
                new Collector<>() {
                    @Override
                    public void collect(RoutedEvent record) {
                        assertThat(record.event).isSameAs(event);
                        topics.add(record.topic);
                    }

                    @Override
                    public void close() {}
                });
        return topics;
    }

    @Test
    void sendsEveryEventToValidTopicAndMatchingRoutes() {
        EventRouter router =
                new EventRouter(
                        "events.valid",
                        new RoutingRules(
                                List.of(new RoutingRule("shop", "order.*", "events.orders"))));

        assertThat(route(router, "shop", "order.paid"))
                .containsExactly("events.valid", "events.orders");
        assertThat(route(router, "shop", "login")).containsExactly("events.valid");
    }

    @Test
    void neverWritesValidTopicTwice() {
        EventRouter router =
                new EventRouter(
                        "events.valid",
                        new RoutingRules(List.of(new RoutingRule("*", "*", "events.valid"))));

        assertThat(route(router, "shop", "x")).containsExactly("events.valid");
    }
}
