package io.tailpost.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A parsed launcher command line: {@code run [-c FILE]}, {@code validate FILE}, {@code version}
 * or {@code help}. Parsing does not touch the file system; paths are resolved by the commands.
 */
public record CommandLine(Command command, Path file) {

    /** What the launcher is asked to do. */
    public enum Command {
        /** Run the agent in the foreground. */
        RUN,
        /** Check a configuration file without applying it. */
        VALIDATE,
        /** Print the version. */
        VERSION,
        /** Print the usage text. */
        HELP
    }

    /** The usage text printed for {@code help} and on a usage error. */
    public static final String USAGE = String.join(System.lineSeparator(),
            "Usage: tailpost <command> [options]",
            "",
            "Commands:",
            "  run [-c|--config FILE]   run the agent in the foreground",
            "                           (default FILE: <home>/conf/tailpost.yaml)",
            "  validate FILE            check FILE; exit 0 if valid, 1 if it has errors",
            "  version                  print the version",
            "  help                     print this text",
            "",
            "Environment: TAILPOST_HOME (agent folder), TAILPOST_JAVA_OPTS (JVM options).");

    public CommandLine {
        Objects.requireNonNull(command, "command");
    }

    /**
     * Parses the arguments given to the launcher.
     *
     * @param args the arguments, command first
     * @return the parsed command; {@code file} is null for {@code run} without {@code -c}
     *         (meaning the default file), {@code version} and {@code help}
     * @throws UsageException when the arguments do not form a valid command
     */
    public static CommandLine parse(List<String> args) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException("missing command");
        }
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        switch (command) {
            case "run":
                return parseRun(rest);
            case "validate":
                if (rest.size() != 1 || rest.get(0).isEmpty() || isOption(rest.get(0))) {
                    throw new UsageException("validate takes exactly one FILE");
                }
                return new CommandLine(Command.VALIDATE, Path.of(rest.get(0)));
            case "version":
            case "--version":
                requireNoArguments(command, rest);
                return new CommandLine(Command.VERSION, null);
            case "help":
            case "-h":
            case "--help":
                requireNoArguments(command, rest);
                return new CommandLine(Command.HELP, null);
            default:
                throw new UsageException("unknown command '" + command + "'");
        }
    }

    private static CommandLine parseRun(List<String> rest) throws UsageException {
        Path file = null;
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            String value;
            if (arg.equals("-c") || arg.equals("--config")) {
                if (i + 1 >= rest.size() || rest.get(i + 1).isEmpty()) {
                    throw new UsageException("option " + arg + " needs a FILE");
                }
                value = rest.get(++i);
            } else if (arg.startsWith("--config=")) {
                value = arg.substring("--config=".length());
                if (value.isEmpty()) {
                    throw new UsageException("option --config needs a FILE");
                }
            } else {
                throw new UsageException("run: unexpected argument '" + arg + "'");
            }
            if (file != null) {
                throw new UsageException("run: the configuration file is given twice");
            }
            file = Path.of(value);
        }
        return new CommandLine(Command.RUN, file);
    }

    private static void requireNoArguments(String command, List<String> rest) throws UsageException {
        if (!rest.isEmpty()) {
            throw new UsageException(command + ": unexpected argument '" + rest.get(0) + "'");
        }
    }

    private static boolean isOption(String arg) {
        return arg.startsWith("-") && arg.length() > 1;
    }

    /** The arguments do not form a valid command; the message says why. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
