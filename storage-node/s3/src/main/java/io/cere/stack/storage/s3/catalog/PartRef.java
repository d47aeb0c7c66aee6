package io.cere.stack.storage.s3.catalog;

/** One part of a multipart object: the blob that holds its bytes, and how many there are. */
public record PartRef(String cid, long size) {}
