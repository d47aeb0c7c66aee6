package io.cere.stack.storage.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecoveryPlanCacheTest {

    private final Matrix encoding = ReedSolomonCodec.create(4, 2).encodingMatrix();

    @Test
    void reusesThePlanOfAPatternSeenBefore() {
        RecoveryPlanCache cache = new RecoveryPlanCache(encoding, 4);
        RecoveryPlan first = cache.planFor(ShardFixtures.presentExcept(6, new int[] {1, 4}));
        RecoveryPlan again = cache.planFor(ShardFixtures.presentExcept(6, new int[] {1, 4}));
        assertThat(again).isSameAs(first);
        assertThat(first.inputShards()).containsExactly(0, 2, 3, 5);
        assertThat(first.missingShards()).containsExactly(1, 4);
        assertThat(first.missingDataShards()).isEqualTo(1);
    }

    @Test
    void keepsAtMostItsCapacityDroppingTheLeastRecentlyUsed() {
        RecoveryPlanCache cache = new RecoveryPlanCache(encoding, 2);
        RecoveryPlan a = cache.planFor(ShardFixtures.presentExcept(6, new int[] {0}));
        cache.planFor(ShardFixtures.presentExcept(6, new int[] {1}));
        cache.planFor(ShardFixtures.presentExcept(6, new int[] {0}));
        cache.planFor(ShardFixtures.presentExcept(6, new int[] {2}));
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.planFor(ShardFixtures.presentExcept(6, new int[] {0}))).isSameAs(a);
    }

    @Test
    void rowsForLostDataAreRowsOfTheInverseOfThePresentRows() {
        RecoveryPlan plan =
                new RecoveryPlanCache(encoding, 1)
                        .planFor(ShardFixtures.presentExcept(6, new int[] {0, 5}));
        Matrix inverse = encoding.selectRows(plan.inputShards()).invert();
        assertThat(plan.rows()[0]).isEqualTo(inverse.row(0));
        assertThat(plan.rows()[1])
                .isEqualTo(encoding.selectRows(new int[] {5}).times(inverse).row(0));
    }
}
