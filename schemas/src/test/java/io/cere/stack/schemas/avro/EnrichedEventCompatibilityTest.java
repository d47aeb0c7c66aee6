package io.cere.stack.schemas.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * EnrichedEvent on the wire: Avro single-object encoding, and every released schema version still
 * readable by the current one, so records already on Kafka survive a schema change.
 */
class EnrichedEventCompatibilityTest {

    private static final String RELEASED = "/io/cere/stack/schemas/released/";

    @Test
    void encodesWithTheSingleObjectMarkerAndSchemaFingerprint() throws IOException {
        EnrichedEvent event = sampleEvent();

        ByteBuffer encoded = event.toByteBuffer();
        byte[] bytes = new byte[encoded.remaining()];
        encoded.duplicate().get(bytes);

        assertThat(Arrays.copyOfRange(bytes, 0, 2)).containsExactly(0xC3, 0x01);
        long fingerprint = SchemaNormalization.parsingFingerprint64(EnrichedEvent.getClassSchema());
        assertThat(ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong())
                .isEqualTo(fingerprint);
        assertThat(EnrichedEvent.fromByteBuffer(ByteBuffer.wrap(bytes))).isEqualTo(event);
    }

    @Test
    void roundTripsABatchEventWithEveryOptionalFieldSet() throws IOException {
        EnrichedEvent event =
                EnrichedEvent.newBuilder(sampleEvent())
                        .setClientIp("2001:db8::1")
                        .setBatchMode(true)
                        .setBatchId("7d444840-9dc0-11d1-b245-5ffdce74fad2")
                        .setBatchPosition(9_999)
                        .build();

        assertThat(EnrichedEvent.fromByteBuffer(event.toByteBuffer())).isEqualTo(event);
    }

    static Stream<String> releasedSchemas() throws IOException, URISyntaxException {
        URL folder = EnrichedEventCompatibilityTest.class.getResource(RELEASED);
        assertThat(folder).as("released schema folder %s on the class path", RELEASED).isNotNull();
        List<String> names;
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            names =
                    files.map(file -> file.getFileName().toString())
                            .filter(
                                    name ->
                                            name.startsWith("EnrichedEvent-")
                                                    && name.endsWith(".avsc"))
                            .sorted()
                            .toList();
        }
        assertThat(names).contains("EnrichedEvent-v1.avsc");
        return names.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releasedSchemas")
    void currentSchemaCanReadEveryReleasedSchema(String released) throws IOException {
        Schema writer = releasedSchema(released);

        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(
                        EnrichedEvent.getClassSchema(), writer);

        assertThat(compatibility.getType())
                .as("%s", compatibility.getResult())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releasedSchemas")
    void decodesRecordsWrittenWithAReleasedSchemaThroughASchemaStore(String released)
            throws IOException {
        Schema writer = releasedSchema(released);
        GenericRecord old = GenericSamples.record(writer);
        byte[] bytes =
                new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer)
                        .encode(old)
                        .array();
        SchemaStore.Cache store = new SchemaStore.Cache();
        store.addSchema(writer);

        EnrichedEvent read = EnrichedEvent.createDecoder(store).decode(bytes);

        assertResolved(old, read);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releasedSchemas")
    void decodesRecordsWrittenWithAReleasedSchemaAddedToTheDecoder(String released)
            throws IOException {
        Schema writer = releasedSchema(released);
        GenericRecord old = GenericSamples.record(writer);
        byte[] bytes =
                new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer)
                        .encode(old)
                        .array();
        BinaryMessageDecoder<EnrichedEvent> decoder = EnrichedEvent.createDecoder(null);
        decoder.addSchema(writer);

        EnrichedEvent read = decoder.decode(bytes);

        assertResolved(old, read);
    }

    @Test
    void refusesRecordsOfAnUnknownSchema() throws IOException {
        Schema unknown =
                new Schema.Parser()
                        .parse(
                                "{\"type\":\"record\",\"name\":\"EnrichedEvent\","
                                        + "\"namespace\":\"io.cere.stack.schemas.avro\","
                                        + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}");
        GenericRecord record = new GenericData.Record(unknown);
        record.put("id", "x");

        ByteBuffer bytes =
                new BinaryMessageEncoder<GenericRecord>(GenericData.get(), unknown).encode(record);

        assertThat(catchThrowable(() -> EnrichedEvent.getDecoder().decode(bytes)))
                .isInstanceOf(MissingSchemaException.class);
    }

    /** Every field the writer wrote reads back with the same value; new fields get defaults. */
    private static void assertResolved(IndexedRecord written, IndexedRecord read) {
        for (Schema.Field field : written.getSchema().getFields()) {
            Schema.Field readField = read.getSchema().getField(field.name());
            if (readField == null) {
                continue;
            }
            Object writtenValue = written.get(field.pos());
            Object readValue = read.get(readField.pos());
            if (writtenValue instanceof IndexedRecord nested) {
                assertResolved(nested, (IndexedRecord) readValue);
            } else if (readValue instanceof Instant instant) {
                assertThat(instant.toEpochMilli()).as(field.name()).isEqualTo(writtenValue);
            } else {
                assertThat(String.valueOf(readValue))
                        .as(field.name())
                        .isEqualTo(String.valueOf(writtenValue));
            }
        }
        for (Schema.Field field : read.getSchema().getFields()) {
            if (written.getSchema().getField(field.name()) == null) {
                assertThat(field.hasDefaultValue())
                        .as(
                                "field %s added since the writer's schema needs a default",
                                field.name())
                        .isTrue();
            }
        }
    }

    private static Schema releasedSchema(String name) throws IOException {
        try (InputStream in =
                EnrichedEventCompatibilityTest.class.getResourceAsStream(RELEASED + name)) {
            return new Schema.Parser().parse(in);
        }
    }

    static EnrichedEvent sampleEvent() {
        return EnrichedEvent.newBuilder()
                .setId("1b4e28ba-2fa1-11d2-883f-0016d3cca427")
                .setAppId("cere-demo")
                .setAccountId("ab".repeat(32))
                .setType("page.view")
                .setTimestamp("2026-11-21T07:00:00.123+01:00")
                .setEventTime(Instant.parse("2026-11-21T06:00:00.123Z"))
                .setPayload("{\"count\":3,\"url\":\"https://example.org/caf\u00e9\"}")
                .setSignature("cd".repeat(64))
                .setReceivedAt(Instant.parse("2026-11-21T06:00:00.200Z"))
                .setIngestedAt(Instant.parse("2026-11-21T06:00:00.250Z"))
                .setExecutionId("a1b2c3d4e5f60718293a4b5c6d7e8f90/0")
                .setSource(new SourcePosition("events.raw", 3, 42_000L))
                .build();
    }

    /** Generic records with a plausible value in every field, for any record schema. */
    static final class GenericSamples {

        private GenericSamples() {}

        static GenericRecord record(Schema schema) {
            GenericRecord record = new GenericData.Record(schema);
            for (Schema.Field field : schema.getFields()) {
                record.put(field.pos(), value(field.name(), field.schema()));
            }
            return record;
        }

        private static Object value(String name, Schema schema) {
            return switch (schema.getType()) {
                case RECORD -> record(schema);
                case UNION -> value(name, nonNullBranch(schema));
                case STRING -> name + "-value";
                case INT -> name.length() * 7;
                case LONG ->
                        schema.getLogicalType() instanceof LogicalTypes.TimestampMillis
                                ? 1_763_708_400_123L + name.length()
                                : 42L * name.length();
                case BOOLEAN -> true;
                case DOUBLE -> 0.5 * name.length();
                default ->
                        throw new IllegalArgumentException(
                                "no sample for field " + name + " of type " + schema.getType());
            };
        }

        private static Schema nonNullBranch(Schema union) {
            return union.getTypes().stream()
                    .filter(branch -> branch.getType() != Schema.Type.NULL)
                    .findFirst()
                    .orElseThrow();
        }
    }
}
