package io.cere.stack.launcher.tail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cere.stack.schemas.avro.ActivityRecord;
import io.cere.stack.schemas.avro.EnrichedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.avro.AvroRuntimeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * One Kafka record as one line of JSON, by what the topic holds:
 *
 * <ul>
 *   <li>Avro single-object records ({@code events.valid}, routed topics): the {@link EnrichedEvent}
 *       with all its fields, the payload embedded as JSON; ({@code activity}) the storage nodes'
 *       {@link ActivityRecord}s;
 *   <li>JSON ({@code events.rejected}): the value as it is;
 *   <li>the raw topic ({@code events.raw}): {@code {"key", "headers", "value"}} with the envelope
 *       as JSON;
 *   <li>anything else: {@code {"key", "valueBase64"}}.
 * </ul>
 */
public final class RecordRenderer {

    /** The first two bytes of every Avro single-object encoded record. */
    private static final byte[] AVRO_MARKER = {(byte) 0xC3, (byte) 0x01};

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String rawTopic;

    public RecordRenderer(String rawTopic) {
        this.rawTopic = rawTopic;
    }

    public String render(String topic, byte[] key, Headers headers, byte[] value) {
        try {
            return JSON.writeValueAsString(toJson(topic, key, headers, value));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a JSON tree", e);
        }
    }

    JsonNode toJson(String topic, byte[] key, Headers headers, byte[] value) {
        if (value == null) {
            return withKey(key).putNull("value");
        }
        if (topic.equals(rawTopic)) {
            return raw(key, headers, value);
        }
        if (isAvro(value)) {
            JsonNode event = enrichedEvent(value);
            if (event != null) {
                return event;
            }
            JsonNode activity = activityRecord(value);
            if (activity != null) {
                return activity;
            }
        } else {
            JsonNode parsed = parseJson(value);
            if (parsed != null) {
                return parsed;
            }
        }
        return withKey(key).put("valueBase64", Base64.getEncoder().encodeToString(value));
    }

    /** The Avro record as JSON, or null if this schema version is not one we know. */
    static ObjectNode enrichedEvent(byte[] value) {
        EnrichedEvent event;
        try {
            event = EnrichedEvent.getDecoder().decode(value);
        } catch (IOException | AvroRuntimeException e) {
            return null;
        }
        ObjectNode json = AvroJson.toJson(event);
        JsonNode payload = parseJson(event.getPayload().getBytes(StandardCharsets.UTF_8));
        if (payload != null) {
            json.set("payload", payload);
        }
        return json;
    }

    /** A storage node's activity record as JSON, or null if the value is not one. */
    static ObjectNode activityRecord(byte[] value) {
        try {
            return AvroJson.toJson(ActivityRecord.getDecoder().decode(value));
        } catch (IOException | AvroRuntimeException e) {
            return null;
        }
    }

    private ObjectNode raw(byte[] key, Headers headers, byte[] value) {
        ObjectNode record = withKey(key);
        ObjectNode headerJson = record.putObject("headers");
        if (headers != null) {
            for (Header header : headers) {
                headerJson.put(header.key(), textOrBase64(header.value()));
            }
        }
        JsonNode envelope = parseJson(value);
        if (envelope != null) {
            record.set("value", envelope);
        } else {
            record.put("valueBase64", Base64.getEncoder().encodeToString(value));
        }
        return record;
    }

    private ObjectNode withKey(byte[] key) {
        ObjectNode record = JSON.createObjectNode();
        if (key == null) {
            record.putNull("key");
        } else {
            record.put("key", textOrBase64(key));
        }
        return record;
    }

    private static boolean isAvro(byte[] value) {
        return value.length > 10 && value[0] == AVRO_MARKER[0] && value[1] == AVRO_MARKER[1];
    }

    private static JsonNode parseJson(byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            return null;
        }
    }

    private static String textOrBase64(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return "base64:" + Base64.getEncoder().encodeToString(bytes);
        }
    }
}
