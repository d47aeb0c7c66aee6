package io.cere.stack.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

class ReplayKeyTest {

    private static final String ID = "6f1c9b2e-3d4a-4b5c-8d9e-0f1a2b3c4d5e";

    @Test
    void isTheFirst128BitsOfSha256OverLengthPrefixedAppIdAndId() {
        // sha256(b"\x00\x00\x00\x04" + b"shop" + ID), computed with Python's hashlib.
        assertThat(ReplayKey.of("shop", ID)).hasToString("ae836fe25f8b232d074eec8fb9759c3f");
    }

    @Test
    void sameEventGivesEqualKeys() {
        assertThat(ReplayKey.of("shop", ID))
                .isEqualTo(ReplayKey.of("shop", ID))
                .hasSameHashCodeAs(ReplayKey.of("shop", ID));
    }

    @Test
    void sameIdInAnotherAppGivesAnotherKey() {
        assertThat(ReplayKey.of("shop", ID)).isNotEqualTo(ReplayKey.of("game", ID));
    }

    @Test
    void appIdAndIdCannotBeShiftedIntoEachOther() {
        assertThat(ReplayKey.of("shop/", "x")).isNotEqualTo(ReplayKey.of("shop", "/x"));
    }

    @Test
    void isAFlinkPojoSoStateKeysNeverFallBackToKryo() {
        assertThat(TypeInformation.of(ReplayKey.class)).isInstanceOf(PojoTypeInfo.class);
    }
}
