package lux.consensus.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lux} command: thin argument parsing over the engine. */
@Command(
        name = "lux",
        mixinStandardHelpOptions = true,
        version = "lux-consensus 0.1.0",
        description = "Lux-style Snowman consensus with SIMD vote tallying.",
        subcommands = {RunCommand.class, SimulateCommand.class, TestnetCommand.class, NodeCommand.class, ClientCommand.class,
                BenchCommand.class, ProfileCommand.class, CommandLine.HelpCommand.class})
public final class LuxCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "On an error, print its stack trace too.")
    boolean verbose;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * The command line with picocli's conventions for errors: a bad option value (the engine refuses the
     * configuration with an IllegalArgumentException) prints one line naming the problem, then the usage, and
     * exits 2; any other error at run time prints one line and exits 1; {@code --verbose} adds the stack trace.
     */
    static CommandLine commandLine() {
        LuxCommand lux = new LuxCommand();
        CommandLine cl = new CommandLine(lux);
        cl.setExecutionExceptionHandler((e, command, parsed) -> {
            PrintWriter err = command.getErr();
            err.println(command.getCommandName().equals("lux") ? "lux: " + e.getMessage()
                    : "lux " + command.getCommandName() + ": " + e.getMessage());
            if (lux.verbose) {
                e.printStackTrace(err);
            }
            if (e instanceof IllegalArgumentException) {
                command.usage(err);
                return CommandLine.ExitCode.USAGE;
            }
            return CommandLine.ExitCode.SOFTWARE;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
