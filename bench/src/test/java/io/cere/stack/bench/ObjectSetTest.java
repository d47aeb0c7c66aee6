package io.cere.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ObjectSetTest {

    @Test
    void theSameSeedGivesTheSameBytes() {
        ObjectSet first = ObjectSet.generate("small/", 8, 4096, 42);
        ObjectSet again = ObjectSet.generate("small/", 8, 4096, 42);
        ObjectSet other = ObjectSet.generate("small/", 8, 4096, 43);

        for (int i = 0; i < first.count(); i++) {
            assertThat(again.bytes(i)).isEqualTo(first.bytes(i));
            assertThat(other.bytes(i)).isNotEqualTo(first.bytes(i));
        }
    }

    @Test
    void everyObjectHasBytesOfItsOwn() {
        ObjectSet objects = ObjectSet.generate("small/", 64, 1024, 7);

        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < objects.count(); i++) {
            assertThat(objects.bytes(i)).hasSize(1024);
            distinct.add(Arrays.toString(objects.bytes(i)));
        }
        assertThat(distinct).hasSize(64);
    }

    @Test
    void keysAreThePrefixAndAPaddedNumber() {
        ObjectSet objects = ObjectSet.generate("large/", 3, 16, 1);

        assertThat(objects.key(0)).isEqualTo("large/000000");
        assertThat(objects.key(2)).isEqualTo("large/000002");
    }

    @Test
    void rejectsASetLargerThanHalfTheHeap() {
        int size = 1 << 30;
        int count = (int) (Runtime.getRuntime().maxMemory() / size) + 1;

        assertThatThrownBy(() -> ObjectSet.generate("huge/", count, size, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected at most half the heap");
    }

    @Test
    void rejectsEmptySetsAndEmptyObjects() {
        assertThatThrownBy(() -> ObjectSet.generate("x/", 0, 16, 1))
                .hasMessage("ObjectSet count is 0; expected at least 1");
        assertThatThrownBy(() -> ObjectSet.generate("x/", 1, 0, 1))
                .hasMessage("ObjectSet size is 0 bytes; expected at least 1");
    }
}
