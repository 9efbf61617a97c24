package lux.consensus.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lux} command: thin argument parsing over the engine. */
@Command(
        name = "lux",
        mixinStandardHelpOptions = true,
        version = "lux-consensus 0.1.0",
        description = "Lux-style Snowman consensus with SIMD vote tallying.",
        subcommands = {RunCommand.class, SimulateCommand.class, BenchCommand.class, ProfileCommand.class, CommandLine.HelpCommand.class})
public final class LuxCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new LuxCommand()).execute(args));
    }
}
