package io.cere.stack.launcher.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cere.stack.launcher.CommandFailedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendCommandTest {

    @TempDir Path dir;

    @Test
    void readsThePayloadInlineOrFromAFile() throws Exception {
        assertThat(SendCommand.readPayload("{\"a\": 1}").toString()).isEqualTo("{\"a\":1}");
        Path file = dir.resolve("payload.json");
        Files.writeString(file, "{\"b\": [1, 2]}");
        assertThat(SendCommand.readPayload("@" + file).toString()).isEqualTo("{\"b\":[1,2]}");
    }

    @Test
    void rejectsAPayloadThatIsNotAJsonObject() {
        assertThatThrownBy(() -> SendCommand.readPayload("[1]"))
                .isInstanceOf(CommandFailedException.class)
                .hasMessage("--payload must be a JSON object, got array");
        assertThatThrownBy(() -> SendCommand.readPayload("{\"a\": 1, \"a\": 2}"))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("--payload is not valid JSON")
                .hasMessageContaining("Duplicate field 'a'");
        assertThatThrownBy(() -> SendCommand.readPayload("@" + dir.resolve("missing.json")))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("cannot read --payload file");
    }
}
