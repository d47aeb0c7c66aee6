package io.cere.stack.launcher.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpProbeTest {

    @Test
    void seesAJobRunningOnlyWhenItsStateIsRunning() throws Exception {
        String overview =
                "{\"jobs\":[{\"jid\":\"a\",\"name\":\"IngestJob\",\"state\":\"%s\","
                        + "\"tasks\":{\"running\":4}}]}";

        assertThat(HttpProbe.isRunning(overview.formatted("RUNNING"), "IngestJob")).isTrue();
        assertThat(HttpProbe.isRunning(overview.formatted("CREATED"), "IngestJob")).isFalse();
        assertThat(HttpProbe.isRunning(overview.formatted("RUNNING"), "OtherJob")).isFalse();
        assertThat(HttpProbe.isRunning("{\"jobs\":[]}", "IngestJob")).isFalse();
    }
}
