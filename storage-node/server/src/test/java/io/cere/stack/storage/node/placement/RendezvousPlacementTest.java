package io.cere.stack.storage.node.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cere.stack.storage.node.config.ClusterMember;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RendezvousPlacementTest {

    private static final int KEYS = 20_000;

    @Test
    void ranksTheSameWayWhateverTheOrderOfTheMembers() {
        List<ClusterMember> members = members(6);
        List<ClusterMember> shuffled = new ArrayList<>(members);
        Collections.shuffle(shuffled, new Random(1));
        RendezvousPlacement a = new RendezvousPlacement(members);
        RendezvousPlacement b = new RendezvousPlacement(shuffled);

        for (int i = 0; i < 1000; i++) {
            byte[] key = key(i);
            assertThat(b.rank(key)).isEqualTo(a.rank(key));
        }
    }

    @Test
    void choosesDistinctNodes() {
        RendezvousPlacement placement = new RendezvousPlacement(members(8));

        for (int i = 0; i < 1000; i++) {
            assertThat(placement.choose(key(i), 6)).hasSize(6).doesNotHaveDuplicates();
            assertThat(placement.rank(key(i))).hasSize(8).doesNotHaveDuplicates();
        }
    }

    @Test
    void spreadsFirstChoicesEvenly() {
        RendezvousPlacement placement = new RendezvousPlacement(members(6));
        Map<String, Integer> first = new HashMap<>();

        for (int i = 0; i < KEYS; i++) {
            first.merge(placement.rank(key(i)).get(0).id(), 1, Integer::sum);
        }

        assertThat(first).hasSize(6);
        double expected = KEYS / 6.0;
        assertThat(first.values())
                .allSatisfy(
                        count ->
                                assertThat(count)
                                        .isBetween((int) (expected * 0.9), (int) (expected * 1.1)));
    }

    @Test
    void movesOnlyTheKeysTheNewNodeTakesOverWhenANodeIsAdded() {
        int count = 6;
        List<ClusterMember> before = members(9);
        List<ClusterMember> after = new ArrayList<>(before);
        after.add(member(10));
        RendezvousPlacement old = new RendezvousPlacement(before);
        RendezvousPlacement grown = new RendezvousPlacement(after);

        int changed = 0;
        for (int i = 0; i < KEYS; i++) {
            Set<ClusterMember> was = new HashSet<>(old.choose(key(i), count));
            Set<ClusterMember> now = new HashSet<>(grown.choose(key(i), count));
            Set<ClusterMember> kept = new HashSet<>(was);
            kept.retainAll(now);
            if (!now.equals(was)) {
                changed++;
                assertThat(kept).as("key %d keeps all but one node", i).hasSize(count - 1);
                assertThat(now).contains(member(10));
            }
        }
        // The new node joins a key's set with probability count / (n + 1).
        double expected = KEYS * count / 10.0;
        assertThat((double) changed).isBetween(expected * 0.95, expected * 1.05);
    }

    @Test
    void movesOnlyTheKeysOfARemovedNode() {
        List<ClusterMember> before = members(8);
        List<ClusterMember> after = new ArrayList<>(before);
        ClusterMember removed = after.remove(3);
        RendezvousPlacement old = new RendezvousPlacement(before);
        RendezvousPlacement shrunk = new RendezvousPlacement(after);

        for (int i = 0; i < KEYS; i++) {
            List<ClusterMember> was = old.choose(key(i), 4);
            List<ClusterMember> now = shrunk.choose(key(i), 4);
            if (!was.contains(removed)) {
                assertThat(now).isEqualTo(was);
            } else {
                assertThat(now).containsAll(was.stream().filter(m -> !m.equals(removed)).toList());
            }
        }
    }

    @Test
    void rejectsDuplicateIdsAndImpossibleCounts() {
        List<ClusterMember> twice = List.of(member(1), member(1));
        assertThatThrownBy(() -> new RendezvousPlacement(twice))
                .hasMessageContaining("node-1")
                .hasMessageContaining("twice");
        RendezvousPlacement placement = new RendezvousPlacement(members(3));
        assertThatThrownBy(() -> placement.choose(key(1), 4))
                .hasMessageContaining("count is 4; expected 1..3");
    }

    private static byte[] key(int i) {
        return ("segment-" + i).getBytes(StandardCharsets.UTF_8);
    }

    private static List<ClusterMember> members(int count) {
        List<ClusterMember> members = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            members.add(member(i));
        }
        return members;
    }

    private static ClusterMember member(int i) {
        return new ClusterMember("node-" + i, URI.create("http://127.0.0.1:" + (9100 + i)));
    }
}
