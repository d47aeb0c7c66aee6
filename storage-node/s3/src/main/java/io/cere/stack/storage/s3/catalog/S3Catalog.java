package io.cere.stack.storage.s3.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cere.stack.storage.s3.backend.MetadataIndex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The S3 API's records in the {@link MetadataIndex}, as small JSON documents in four namespaces:
 *
 * <ul>
 *   <li>{@value #BUCKETS}: key = bucket name;
 *   <li>{@value #OBJECTS}: key = {@code <bucket>/<object key>}, so one bucket's objects are one
 *       range in S3's key order (UTF-8 bytes), and a prefix listing is a range scan;
 *   <li>{@value #UPLOADS}: key = {@code <bucket>/<upload id>};
 *   <li>{@value #PARTS}: key = {@code <bucket>/<upload id>/<part number, 5 digits>}, in part order.
 * </ul>
 *
 * Bucket names cannot hold {@code /}, so no bucket's range overlaps another's.
 */
public final class S3Catalog {

    public static final String BUCKETS = "s3-buckets";
    public static final String OBJECTS = "s3-objects";
    public static final String UPLOADS = "s3-uploads";
    public static final String PARTS = "s3-parts";

    private static final int PAGE = 1000;

    private final MetadataIndex index;
    private final ObjectMapper json =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public S3Catalog(MetadataIndex index) {
        this.index = index;
    }

    public Optional<BucketRecord> bucket(String name) throws IOException {
        return read(BUCKETS, name, BucketRecord.class);
    }

    /** Returns whether the bucket was new. */
    public boolean createBucket(BucketRecord bucket) throws IOException {
        return index.putIfAbsent(BUCKETS, bucket.name(), json.writeValueAsBytes(bucket));
    }

    public boolean deleteBucket(String name) throws IOException {
        return index.delete(BUCKETS, name);
    }

    /** Every bucket, by name. */
    public List<BucketRecord> buckets() throws IOException {
        List<BucketRecord> buckets = new ArrayList<>();
        String after = "";
        List<MetadataIndex.Entry> page;
        do {
            page = index.list(BUCKETS, "", after, PAGE);
            for (MetadataIndex.Entry entry : page) {
                buckets.add(json.readValue(entry.value(), BucketRecord.class));
                after = entry.key();
            }
        } while (page.size() == PAGE);
        return buckets;
    }

    public boolean hasObjects(String bucket) throws IOException {
        return !index.list(OBJECTS, bucket + "/", "", 1).isEmpty();
    }

    public Optional<ObjectRecord> object(String bucket, String key) throws IOException {
        return read(OBJECTS, bucket + "/" + key, ObjectRecord.class);
    }

    public void putObject(String bucket, String key, ObjectRecord object) throws IOException {
        index.put(OBJECTS, bucket + "/" + key, json.writeValueAsBytes(object));
    }

    public boolean deleteObject(String bucket, String key) throws IOException {
        return index.delete(OBJECTS, bucket + "/" + key);
    }

    /**
     * Objects whose keys start with {@code prefix} and sort after {@code startAfter} ({@code ""}
     * for from the start), in key order, at most {@code limit}.
     */
    public List<ListedObject> objects(String bucket, String prefix, String startAfter, int limit)
            throws IOException {
        String bucketPrefix = bucket + "/";
        List<MetadataIndex.Entry> entries =
                index.list(
                        OBJECTS,
                        bucketPrefix + prefix,
                        startAfter.isEmpty() ? "" : bucketPrefix + startAfter,
                        limit);
        List<ListedObject> objects = new ArrayList<>(entries.size());
        for (MetadataIndex.Entry entry : entries) {
            objects.add(
                    new ListedObject(
                            entry.key().substring(bucketPrefix.length()),
                            json.readValue(entry.value(), ObjectRecord.class)));
        }
        return objects;
    }

    public void putUpload(UploadRecord upload) throws IOException {
        index.put(
                UPLOADS, upload.bucket() + "/" + upload.uploadId(), json.writeValueAsBytes(upload));
    }

    public Optional<UploadRecord> upload(String bucket, String uploadId) throws IOException {
        return read(UPLOADS, bucket + "/" + uploadId, UploadRecord.class);
    }

    /** Removes the upload and the records of its parts (not their blobs). */
    public boolean deleteUpload(String bucket, String uploadId) throws IOException {
        for (PartRecord part : parts(bucket, uploadId, 0, Integer.MAX_VALUE)) {
            index.delete(PARTS, partKey(bucket, uploadId, part.partNumber()));
        }
        return index.delete(UPLOADS, bucket + "/" + uploadId);
    }

    public void putPart(String bucket, String uploadId, PartRecord part) throws IOException {
        index.put(
                PARTS, partKey(bucket, uploadId, part.partNumber()), json.writeValueAsBytes(part));
    }

    /** Parts numbered above {@code afterPartNumber}, in order, at most {@code limit}. */
    public List<PartRecord> parts(String bucket, String uploadId, int afterPartNumber, int limit)
            throws IOException {
        String prefix = bucket + "/" + uploadId + "/";
        String after = afterPartNumber <= 0 ? "" : partKey(bucket, uploadId, afterPartNumber);
        List<PartRecord> parts = new ArrayList<>();
        while (parts.size() < limit) {
            int want = Math.min(PAGE, limit - parts.size());
            List<MetadataIndex.Entry> page = index.list(PARTS, prefix, after, want);
            for (MetadataIndex.Entry entry : page) {
                parts.add(json.readValue(entry.value(), PartRecord.class));
                after = entry.key();
            }
            if (page.size() < want) {
                break;
            }
        }
        return parts;
    }

    private static String partKey(String bucket, String uploadId, int partNumber) {
        return String.format(Locale.ROOT, "%s/%s/%05d", bucket, uploadId, partNumber);
    }

    private <T> Optional<T> read(String namespace, String key, Class<T> type) throws IOException {
        Optional<byte[]> value = index.get(namespace, key);
        return value.isEmpty() ? Optional.empty() : Optional.of(json.readValue(value.get(), type));
    }
}
