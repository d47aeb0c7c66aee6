package io.cere.stack.functions.ingest;

import io.cere.stack.schemas.avro.EnrichedEvent;

/** An enriched event and one topic it is to be written to. */
public class RoutedEvent {

    public String topic;
    public EnrichedEvent event;

    public RoutedEvent() {}

    public RoutedEvent(String topic, EnrichedEvent event) {
        this.topic = topic;
        this.event = event;
    }

    @Override
    public String toString() {
        return "RoutedEvent{" + topic + ": " + (event == null ? null : event.getId()) + "}";
    }
}
