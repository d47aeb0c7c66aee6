package io.cere.stack.storage.node.placement;

import io.cere.stack.storage.node.config.ClusterMember;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Rendezvous (highest-random-weight) hashing: every node gets a weight for a key, a hash of the key
 * and the node's id, and the key goes to the nodes of highest weight. Any node computes the same
 * ranking from the membership alone, with no coordination; adding a node takes over only the keys
 * for which it outranks one of the chosen ones, about {@code count / (n + 1)} of them, and removing
 * one moves only the keys it held.
 *
 * <p>Writers walk the ranking past nodes that do not answer, so a key's copies are on the first
 * reachable nodes of its ranking; where a segment's shards ended up is recorded in its manifest, so
 * reads never depend on the ranking being the same as at write time.
 */
public final class RendezvousPlacement {

    private final List<ClusterMember> members;
    private final List<byte[]> ids;

    public RendezvousPlacement(List<ClusterMember> members) {
        Objects.requireNonNull(members, "members");
        if (members.isEmpty()) {
            throw new IllegalArgumentException("members is empty; expected at least one node");
        }
        Set<String> seen = new HashSet<>();
        for (ClusterMember member : members) {
            if (!seen.add(member.id())) {
                throw new IllegalArgumentException(
                        "members lists node id '" + member.id() + "' twice");
            }
        }
        this.members = List.copyOf(members);
        this.ids = this.members.stream().map(m -> m.id().getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** Every member, highest weight for {@code key} first. */
    public List<ClusterMember> rank(byte[] key) {
        Objects.requireNonNull(key, "key");
        MessageDigest sha256 = sha256();
        List<Weighted> weighted = new ArrayList<>(members.size());
        for (int i = 0; i < members.size(); i++) {
            sha256.update(key);
            sha256.update((byte) 0);
            sha256.update(ids.get(i));
            weighted.add(new Weighted(members.get(i), weight(sha256.digest())));
        }
        weighted.sort(
                Comparator.comparing(Weighted::weight, Long::compareUnsigned)
                        .reversed()
                        .thenComparing(w -> w.member().id()));
        return weighted.stream().map(Weighted::member).toList();
    }

    /** The {@code count} members of highest weight for {@code key}, highest first. */
    public List<ClusterMember> choose(byte[] key, int count) {
        if (count < 1 || count > members.size()) {
            throw new IllegalArgumentException(
                    "count is " + count + "; expected 1.." + members.size() + " (the node count)");
        }
        return rank(key).subList(0, count);
    }

    /** {@link #rank(byte[])} of the UTF-8 bytes of {@code key}. */
    public List<ClusterMember> rank(String key) {
        return rank(key.getBytes(StandardCharsets.UTF_8));
    }

    public List<ClusterMember> members() {
        return members;
    }

    private static long weight(byte[] digest) {
        long weight = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            weight = (weight << 8) | (digest[i] & 0xff);
        }
        return weight;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private record Weighted(ClusterMember member, long weight) {}
}
