package io.cere.stack.launcher;

import io.cere.stack.launcher.keys.KeygenCommand;
import io.cere.stack.launcher.local.LocalCommand;
import io.cere.stack.launcher.send.SendCommand;
import io.cere.stack.launcher.storage.StorageCommand;
import io.cere.stack.launcher.tail.TailCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bin/cere}: the command line of the local stack. */
@Command(
        name = "cere",
        mixinStandardHelpOptions = true,
        versionProvider = CereVersion.class,
        description =
                "Cere Stack on Flink: run the local stack, sign and send events, read topics,"
                        + " store and read blobs.",
        subcommands = {
            LocalCommand.class,
            KeygenCommand.class,
            SendCommand.class,
            TailCommand.class,
            StorageCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Start the stack with `bin/cere local`; then, in another terminal:",
            "  bin/cere keygen",
            "  bin/cere send --app demo --type hello --payload '{\"n\":1}'",
            "  bin/cere tail events.valid --from-beginning",
            "  bin/cere storage put FILE",
        })
public final class CereCli implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing command: one of local, keygen, send, tail, storage");
    }

    public static void main(String[] args) {
        quietJdkLogging();
        System.exit(commandLine().execute(args));
    }

    /**
     * The servers module logs through {@link System.Logger}, which is java.util.logging here: keep
     * it to warnings, like log4j2.properties does for everything else.
     */
    private static void quietJdkLogging() {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    }

    /** The command line with this project's error handling, also used by tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new CereCli());
        cli.setExecutionExceptionHandler(CereCli::report);
        return cli;
    }

    /**
     * A {@link CommandFailedException} is an answer for the user: its message alone, no stack
     * trace. Anything else is a defect and is shown whole.
     */
    private static int report(Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
        PrintWriter err = cli.getErr();
        String command = cli.getCommandSpec().qualifiedName();
        if (e instanceof CommandFailedException failed) {
            err.println(command + ": " + failed.getMessage());
            err.flush();
            return failed.exitCode();
        }
        err.println(command + ": unexpected error: " + e);
        e.printStackTrace(err);
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
    }
}
