package io.cere.stack.storage.node.scrub;

/**
 * What one scrub pass did: shards rehashed, found corrupt (and quarantined), rebuilt, and those
 * that could not be rebuilt yet. Pending shards (marked missing earlier) count among the rebuilt
 * and unrepaired ones.
 */
public record ScrubReport(long checked, long corrupt, long repaired, long unrepaired, long bytes) {}
