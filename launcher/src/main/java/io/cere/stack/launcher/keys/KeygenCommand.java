package io.cere.stack.launcher.keys;

import io.cere.stack.launcher.CommandFailedException;
import io.cere.stack.launcher.DataDirOption;
import io.cere.stack.schemas.envelope.Ed25519;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cere keygen}: creates an account key to sign events with. */
@Command(
        name = "keygen",
        mixinStandardHelpOptions = true,
        description = {
            "Creates an Ed25519 key pair and writes it to a JSON file readable by you only.",
            "Prints the account id (the public key, hex), which is what your envelopes carry."
        })
public final class KeygenCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin DataDirOption dataDir;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Where to write the key. Default: <data-dir>/keys/default.json.")
    Path out;

    @Option(names = "--force", description = "Overwrite an existing key file (its key is lost).")
    boolean force;

    @Override
    public Integer call() {
        Path file = (out != null ? out : dataDir.get().defaultKey()).toAbsolutePath();
        SigningKey key = new SigningKey(Ed25519.generate(new SecureRandom()));
        try {
            key.writeTo(file, force);
        } catch (FileAlreadyExistsException e) {
            throw new CommandFailedException(
                    file
                            + " already exists; keep it, choose another file with --out, or"
                            + " replace it with --force (the old key is then lost)");
        } catch (IOException e) {
            throw new CommandFailedException("cannot write " + file + ": " + e, e);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        out.println(key.accountId());
        out.flush();
        err.println("Wrote the key of account " + key.accountId() + " to " + file);
        err.flush();
        return 0;
    }
}
