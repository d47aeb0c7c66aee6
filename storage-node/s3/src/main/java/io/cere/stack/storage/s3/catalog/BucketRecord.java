package io.cere.stack.storage.s3.catalog;

/** A bucket as the metadata index keeps it. */
public record BucketRecord(String name, long createdMillis) {}
