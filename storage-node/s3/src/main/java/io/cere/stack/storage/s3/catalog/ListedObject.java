package io.cere.stack.storage.s3.catalog;

/** An object's key in its bucket with its record, as a listing returns them. */
public record ListedObject(String key, ObjectRecord record) {}
