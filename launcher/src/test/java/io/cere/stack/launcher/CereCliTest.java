package io.cere.stack.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class CereCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = CereCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "local",
                "keygen",
                "send",
                "tail",
                "storage",
                "storage put",
                "storage get",
                "storage ls"
            })
    void everyCommandHasHelp(String command) {
        String[] words = (command + " --help").split(" ");
        assertThat(run(words)).isZero();
        assertThat(out.toString()).contains("Usage: cere " + command).contains("--help");
    }

    @Test
    void topLevelHelpListsTheCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("local", "keygen", "send", "tail", "storage");
    }

    @Test
    void withoutACommandItIsAUsageError() {
        assertThat(run()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Missing command");
    }

    @Test
    void sendRequiresAppTypeAndPayload() {
        assertThat(run("send")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--app", "--type", "--payload");
    }

    @Test
    void sendRejectsEveryBadNumberAtOnce() {
        int code =
                run(
                        "send",
                        "--app",
                        "a",
                        "--type",
                        "t",
                        "--payload",
                        "{}",
                        "--count",
                        "0",
                        "--batch-size",
                        "0",
                        "--concurrency",
                        "0");
        assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString())
                .contains("--count must be at least 1, got 0")
                .contains("--batch-size must be between 1 and 10000, got 0")
                .contains("--concurrency must be between 1 and 256, got 0");
    }

    @Test
    void sendRejectsAGatewayThatIsNotAnHttpUrl() {
        int code =
                run("send", "--app", "a", "--type", "t", "--payload", "{}", "--gateway", "ftp://x");
        assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--gateway: 'ftp://x' is not an http(s) URL");
    }

    @Test
    void localRejectsTwoServersOnOnePort() {
        int code = run("local", "--gateway-port", "8081");
        assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--flink-port and --gateway-port are both 8081");
    }

    @Test
    void localRejectsAMissingRoutingRulesFile() {
        int code = run("local", "--routing-rules", "/no/such/rules.json");
        assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString())
                .contains("--routing-rules: no readable file at /no/such/rules.json");
    }

    @Test
    void tailRejectsANonPositiveMax() {
        assertThat(run("tail", "events.valid", "--max", "0")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--max must be at least 1, got 0");
    }

    @Test
    void tailRejectsADurationItCannotRead() {
        assertThat(run("tail", "events.valid", "--timeout", "soon"))
                .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("'soon' is not a duration");
    }
}
