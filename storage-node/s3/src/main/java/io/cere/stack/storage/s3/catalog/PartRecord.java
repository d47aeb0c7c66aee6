package io.cere.stack.storage.s3.catalog;

/**
 * An uploaded part of a multipart upload in progress.
 *
 * @param etag hex MD5 of the part's bytes, without quotes
 */
public record PartRecord(
        int partNumber, String cid, long size, String etag, long lastModifiedMillis) {}
