package io.cere.stack.functions.ingest;

import io.cere.stack.schemas.avro.EnrichedEvent;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** Emits each event once for the valid topic and once for every routed topic it matches. */
public class EventRouter implements FlatMapFunction<EnrichedEvent, RoutedEvent> {

    private static final long serialVersionUID = 1L;

    private final String validTopic;
    private final RoutingRules rules;

    public EventRouter(String validTopic, RoutingRules rules) {
        this.validTopic = validTopic;
        this.rules = rules;
    }

    @Override
    public void flatMap(EnrichedEvent event, Collector<RoutedEvent> out) {
        out.collect(new RoutedEvent(validTopic, event));
        for (String topic : rules.topicsFor(event.getAppId(), event.getType())) {
            if (!topic.equals(validTopic)) {
                out.collect(new RoutedEvent(topic, event));
            }
        }
    }
}
