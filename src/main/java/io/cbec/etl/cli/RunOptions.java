package io.cbec.etl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of docs/operations.md, parsed. Options take the {@code --name=value} form (a
 * {@code --name value} pair is accepted too, as people type both).
 */
public record RunOptions(Path input, Path output, LocalDate reportDate, Path stateDir, boolean allowRejects,
                         boolean force, boolean help) {

    public static final String USAGE = """
            Usage: java -jar target/cbec-etl.jar [--input=DIR] [--output=DIR] [--report-date=YYYY-MM-DD]
                                                 [--state-dir=DIR] [--allow-rejects] [--force] [--help]
              --input=DIR            folder of source spreadsheets (default ./input)
              --output=DIR           folder the workbooks are published to (default ./output)
              --report-date=DATE     date in the report's file name (default today)
              --state-dir=DIR        job repository, lock and temp files (default <output>/.state)
              --allow-rejects        publish even when rows were rejected (the Summary says so)
              --force                forget an earlier run of these inputs for this date and run anew
              --help                 print this help and exit
            Exit codes: 0 done or nothing to do, 64 usage, 65 data error (check failed or rows rejected),
              66 input missing or unreadable, 70 internal error, 73 cannot create output, 74 I/O error,
              75 another run holds the lock, this run was stopped (SIGTERM), or an input file was still being
              written: run again to resume.""";

    public static RunOptions parse(String[] args, LocalDate today) throws UsageException {
        Path input = Path.of("input");
        Path output = Path.of("output");
        Path state = null;
        LocalDate date = today;
        boolean allowRejects = false;
        boolean force = false;
        boolean help = false;
        List<String> rest = new ArrayList<>(List.of(args));
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--help", "-h" -> help = true;
                case "--allow-rejects" -> {
                    if (value != null) {
                        throw new UsageException("--allow-rejects takes no value");
                    }
                    allowRejects = true;
                }
                case "--force" -> {
                    if (value != null) {
                        throw new UsageException("--force takes no value");
                    }
                    force = true;
                }
                case "--input", "--output", "--state-dir", "--report-date" -> {
                    if (value == null) {
                        if (i + 1 >= rest.size() || rest.get(i + 1).startsWith("--")) {
                            throw new UsageException(name + " needs a value, e.g. " + name + "=...");
                        }
                        value = rest.get(++i);
                    }
                    if (value.isBlank()) {
                        throw new UsageException(name + " needs a value, e.g. " + name + "=...");
                    }
                    switch (name) {
                        case "--input" -> input = Path.of(value);
                        case "--output" -> output = Path.of(value);
                        case "--state-dir" -> state = Path.of(value);
                        default -> date = parseDate(value);
                    }
                }
                default -> throw new UsageException("unknown option: " + arg);
            }
        }
        Path absInput = input.toAbsolutePath().normalize();
        Path absOutput = output.toAbsolutePath().normalize();
        Path absState = state == null ? absOutput.resolve(".state") : state.toAbsolutePath().normalize();
        if (!help && within(absOutput, absInput)) {
            // The next run would read the workbooks this one publishes as inputs (its Checks as control totals...).
            throw new UsageException("--output=" + absOutput + (absOutput.equals(absInput) ? " is" : " is inside")
                    + " the input folder " + absInput + ": the published workbooks would be read as inputs;"
                    + " publish to another folder", false);
        }
        return new RunOptions(absInput, absOutput, date, absState, allowRejects, force, help);
    }

    /** Whether {@code folder} is {@code parent} or below it, also through symbolic links where they exist. */
    private static boolean within(Path folder, Path parent) {
        if (folder.startsWith(parent)) {
            return true;
        }
        try {
            return Files.isDirectory(parent) && Files.isDirectory(folder)
                    && folder.toRealPath().startsWith(parent.toRealPath());
        } catch (IOException e) {
            return false; // not readable here: the run itself will say so
        }
    }

    private static LocalDate parseDate(String value) throws UsageException {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException("--report-date must be a date as YYYY-MM-DD, not '" + value + "'");
        }
    }
}
