package io.cere.stack.storage.s3.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.cere.stack.storage.s3.testutils.SortedMapMetadataIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3CatalogTest {

    private final SortedMapMetadataIndex index = new SortedMapMetadataIndex();
    private final S3Catalog catalog = new S3Catalog(index);

    @Test
    void keepsObjectRecordsAsSmallJsonAndReadsThemBack() throws IOException {
        ObjectRecord record =
                new ObjectRecord(
                        "bafy",
                        10,
                        "abc-2",
                        "text/plain",
                        Map.of("owner", "alice"),
                        Map.of("cache-control", "no-cache"),
                        1234,
                        List.of(new PartRef("p1", 6), new PartRef("p2", 4)));
        catalog.putObject("b", "dir/k", record);
        assertThat(catalog.object("b", "dir/k")).hasValue(record);
        String json =
                new String(
                        index.get(S3Catalog.OBJECTS, "b/dir/k").orElseThrow(),
                        StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"cid\":\"bafy\",\"size\":10,\"etag\":\"abc-2\"");
    }

    @Test
    void deletingAnUploadDropsItsParts() throws IOException {
        catalog.putUpload(new UploadRecord("u1", "b", "k", 1, "t", Map.of(), Map.of()));
        catalog.putPart("b", "u1", new PartRecord(2, "c2", 2, "e2", 1));
        catalog.putPart("b", "u1", new PartRecord(10, "c10", 10, "e10", 1));
        catalog.putPart("b", "u1", new PartRecord(1, "c1", 1, "e1", 1));
        assertThat(catalog.parts("b", "u1", 0, 100))
                .extracting(PartRecord::partNumber)
                .containsExactly(1, 2, 10);
        assertThat(catalog.parts("b", "u1", 1, 1))
                .extracting(PartRecord::partNumber)
                .containsExactly(2);

        assertThat(catalog.deleteUpload("b", "u1")).isTrue();
        assertThat(catalog.upload("b", "u1")).isEmpty();
        assertThat(index.size(S3Catalog.PARTS)).isZero();
    }

    @Test
    void bucketsAreListedByName() throws IOException {
        assertThat(catalog.createBucket(new BucketRecord("zeta", 1))).isTrue();
        assertThat(catalog.createBucket(new BucketRecord("alpha", 2))).isTrue();
        assertThat(catalog.createBucket(new BucketRecord("alpha", 3))).isFalse();
        assertThat(catalog.buckets())
                .extracting(BucketRecord::name)
                .containsExactly("alpha", "zeta");
        assertThat(catalog.hasObjects("alpha")).isFalse();
    }
}
