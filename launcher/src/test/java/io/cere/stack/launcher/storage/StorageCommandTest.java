package io.cere.stack.launcher.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.cere.stack.launcher.CereCli;
import io.cere.stack.launcher.storage.testutils.InProcessS3;
import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.cas.HashAlgorithm;
import io.cere.stack.storage.cas.Multicodec;
import io.cere.stack.storage.s3.auth.AccessKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bin/cere storage} in this JVM: put and ls against the node's S3 handler in memory; get and
 * the end-to-end path against a real cluster are in LocalStackITCase.
 */
class StorageCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir Path dir;

    private int run(String... args) {
        CommandLine cli = CereCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void putPrintsTheCidAndLsListsTheObjectWithIt() throws Exception {
        Path dataDir = dir.resolve(".cere");
        AccessKey key = S3KeyFile.ensure(dataDir.resolve("storage").resolve(S3KeyFile.NAME));
        Path file = Files.writeString(dir.resolve("hello.txt"), "hello, storage");
        String cid =
                Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, Files.readAllBytes(file)).toString();
        try (InProcessS3 s3 = new InProcessS3(key)) {
            String endpoint = s3.url().toString();

            int put =
                    run(
                            "storage",
                            "put",
                            file.toString(),
                            "--data-dir",
                            dataDir.toString(),
                            "--endpoint",
                            endpoint,
                            "--bucket",
                            "docs");
            assertThat(put).as(err.toString()).isZero();
            assertThat(out.toString()).isEqualTo(cid + System.lineSeparator());

            out.getBuffer().setLength(0);
            int ls = run("storage", "ls", "--data-dir", dataDir.toString(), "--endpoint", endpoint);
            assertThat(ls).as(err.toString()).isZero();
            assertThat(out.toString())
                    .matches(
                            cid
                                    + "  +14  \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ  docs/hello.txt"
                                    + System.lineSeparator());
        }
    }

    @Test
    void anEmptyClusterSaysHowToStoreSomething() throws Exception {
        AccessKey key = S3KeyFile.generate(new java.util.Random(5L));
        try (InProcessS3 s3 = new InProcessS3(key)) {
            int ls =
                    run(
                            "storage",
                            "ls",
                            "--endpoint",
                            s3.url().toString(),
                            "--access-key",
                            key.id(),
                            "--secret-key",
                            key.secret());

            assertThat(ls).isZero();
            assertThat(out.toString()).isEmpty();
            assertThat(err.toString()).contains("nothing stored yet; `bin/cere storage put FILE`");
        }
    }

    @Test
    void withoutALocalStackItSaysToStartOne() throws Exception {
        Path file = Files.writeString(dir.resolve("a.txt"), "a");

        int put = run("storage", "put", file.toString(), "--data-dir", dir.toString());

        assertThat(put).isEqualTo(1);
        assertThat(err.toString())
                .contains("there is no local storage cluster in " + dir.resolve("storage"))
                .contains("start one with `bin/cere local`");
    }

    @Test
    void anUnreachableNodeIsNamedWithAHint() {
        int get =
                run(
                        "storage",
                        "get",
                        Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, new byte[1]).toString(),
                        "--endpoint",
                        "http://127.0.0.1:" + io.cere.stack.servers.FreePorts.pick());

        assertThat(get).isEqualTo(1);
        assertThat(err.toString())
                .contains("no storage node answered GET /cas/files/")
                .contains("Is the stack running (`bin/cere local`)?");
    }

    @Test
    void aCidThatIsNotOneIsAUsageError() {
        assertThat(run("storage", "get", "not-a-cid")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("CID 'not-a-cid' cannot be read");
    }

    @Test
    void aKeyNeedsItsSecret() {
        int ls = run("storage", "ls", "--endpoint", "http://127.0.0.1:1", "--access-key", "abc");

        assertThat(ls).isEqualTo(1);
        assertThat(err.toString()).contains("--access-key and --secret-key go together");
    }
}
