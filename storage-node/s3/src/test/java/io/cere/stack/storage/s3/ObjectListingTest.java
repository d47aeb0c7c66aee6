package io.cere.stack.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cere.stack.storage.s3.catalog.ListedObject;
import io.cere.stack.storage.s3.catalog.ObjectRecord;
import io.cere.stack.storage.s3.catalog.S3Catalog;
import io.cere.stack.storage.s3.testutils.SortedMapMetadataIndex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ObjectListingTest {

    private final SortedMapMetadataIndex index = new SortedMapMetadataIndex();
    private final S3Catalog catalog = new S3Catalog(index);
    private final AtomicInteger scans = new AtomicInteger();

    @Test
    void rollsKeysUnderTheDelimiterIntoCommonPrefixes() throws IOException {
        put(
                "a.txt",
                "photos/2023/x.jpg",
                "photos/2024/y.jpg",
                "photos/top.jpg",
                "videos/v.mp4",
                "z.txt");
        ObjectListing.Page root = list("", "/", "", 1000);
        assertThat(keys(root)).containsExactly("a.txt", "z.txt");
        assertThat(root.commonPrefixes()).containsExactly("photos/", "videos/");
        assertThat(root.truncated()).isFalse();

        ObjectListing.Page photos = list("photos/", "/", "", 1000);
        assertThat(keys(photos)).containsExactly("photos/top.jpg");
        assertThat(photos.commonPrefixes()).containsExactly("photos/2023/", "photos/2024/");
    }

    @Test
    void countsCommonPrefixesAgainstMaxKeysAndResumesAfterThem() throws IOException {
        put("a/1", "a/2", "b/1", "c", "d/1");
        ObjectListing.Page first = list("", "/", "", 2);
        assertThat(first.commonPrefixes()).containsExactly("a/", "b/");
        assertThat(first.truncated()).isTrue();
        ObjectListing.Page second = list("", "/", first.nextCursor(), 2);
        assertThat(keys(second)).containsExactly("c");
        assertThat(second.commonPrefixes()).containsExactly("d/");
        assertThat(second.truncated()).isFalse();
    }

    @Test
    void skipsAWholeCommonPrefixInOneScan() throws IOException {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            many.add(String.format("big/%05d", i));
        }
        many.add("last");
        put(many.toArray(String[]::new));
        scans.set(0);
        ObjectListing.Page page = list("", "/", "", 1000);
        assertThat(page.commonPrefixes()).containsExactly("big/");
        assertThat(keys(page)).containsExactly("last");
        assertThat(scans.get()).isLessThanOrEqualTo(3);
    }

    @Test
    void maxKeysZeroListsNothingAndIsNotTruncated() throws IOException {
        put("a");
        ObjectListing.Page page = list("", "", "", 0);
        assertThat(page.contents()).isEmpty();
        assertThat(page.truncated()).isFalse();
    }

    @Test
    void keysOfOneBucketNeverShowInAnother() throws IOException {
        put("k");
        catalog.putObject("bucket2", "k2", record());
        assertThat(keys(list("", "", "", 1000))).containsExactly("k");
    }

    @Test
    void pagesConcatenateToTheWholeListingForRandomKeys() throws Exception {
        Random random = new Random(7);
        String alphabet = "ab/";
        Set<String> all = new TreeSet<>();
        for (int i = 0; i < 300; i++) {
            StringBuilder key = new StringBuilder();
            int length = 1 + random.nextInt(6);
            for (int j = 0; j < length; j++) {
                key.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            all.add(key.toString());
        }
        put(all.toArray(String[]::new));
        for (String prefix : List.of("", "a", "a/", "b/b")) {
            for (String delimiter : List.of("", "/", "b/")) {
                List<String> expected = oracle(all, prefix, delimiter);
                for (int maxKeys : List.of(1, 2, 7, 1000)) {
                    List<String> paged = new ArrayList<>();
                    String cursor = "";
                    while (true) {
                        ObjectListing.Page page = list(prefix, delimiter, cursor, maxKeys);
                        assertThat(page.contents().size() + page.commonPrefixes().size())
                                .isLessThanOrEqualTo(maxKeys);
                        page.contents().forEach(o -> paged.add(o.key()));
                        paged.addAll(page.commonPrefixes());
                        if (!page.truncated()) {
                            break;
                        }
                        cursor = ObjectListing.cursor(ObjectListing.token(page.nextCursor()));
                    }
                    assertThat(sortedUtf8(paged))
                            .as("prefix '%s' delimiter '%s' maxKeys %d", prefix, delimiter, maxKeys)
                            .isEqualTo(expected);
                    assertThat(new LinkedHashSet<>(paged)).hasSameSizeAs(paged);
                }
            }
        }
    }

    @Test
    void refusesATokenThatIsNotBase64() {
        assertThatThrownBy(() -> ObjectListing.cursor("not base64!"))
                .isInstanceOfSatisfying(
                        S3Exception.class,
                        e -> assertThat(e.code()).isEqualTo(S3ErrorCode.INVALID_ARGUMENT));
    }

    /** The listing by brute force: every key under the prefix, rolled up, sorted. */
    private static List<String> oracle(Set<String> keys, String prefix, String delimiter) {
        Set<String> out = new TreeSet<>();
        for (String key : keys) {
            if (!key.startsWith(prefix)) {
                continue;
            }
            int at = delimiter.isEmpty() ? -1 : key.indexOf(delimiter, prefix.length());
            out.add(at < 0 ? key : key.substring(0, at + delimiter.length()));
        }
        return new ArrayList<>(out);
    }

    private static List<String> sortedUtf8(List<String> values) {
        return new ArrayList<>(new TreeSet<>(values));
    }

    private ObjectListing.Page list(String prefix, String delimiter, String cursor, int maxKeys)
            throws IOException {
        return ObjectListing.list(
                (p, after, limit) -> {
                    scans.incrementAndGet();
                    return catalog.objects("bucket", p, after, limit);
                },
                prefix,
                delimiter,
                cursor,
                maxKeys);
    }

    private void put(String... keys) throws IOException {
        for (String key : keys) {
            catalog.putObject("bucket", key, record());
        }
    }

    private static ObjectRecord record() {
        return new ObjectRecord("bafy", 1, "e", "t", Map.of(), Map.of(), 0, List.of());
    }

    private static List<String> keys(ObjectListing.Page page) {
        return page.contents().stream().map(ListedObject::key).toList();
    }
}
