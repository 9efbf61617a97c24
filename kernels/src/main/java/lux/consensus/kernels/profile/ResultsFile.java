package lux.consensus.kernels.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A recorded benchmark run as JSON: the environment block, how it was run, and one entry per measurement.
 * Written by {@code lux bench} and by the benchmarks module's recorder; read back by tests and tools.
 *
 * @param schema      format version, {@value #SCHEMA}
 * @param command     the exact command that produced it
 * @param environment where it ran
 * @param results     the measurements
 * @param notes       free-text remarks (noise, what was skipped and why)
 */
public record ResultsFile(String schema, String command, Environment environment, List<Entry> results, List<String> notes) {

    /** The current format. */
    public static final String SCHEMA = "lux-bench/1";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ResultsFile {
        Objects.requireNonNull(environment, "environment");
        results = List.copyOf(results);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /**
     * One measurement.
     *
     * @param group   what it belongs to ({@code chain}, {@code batch}, {@code tally}, ...)
     * @param name    the operation, e.g. {@code blockAdd} or {@code simd}
     * @param params  its parameters in one string, e.g. {@code shape=21x10000} ("" for none)
     * @param backend the backend measured ({@code simd-256}, {@code scalar}, {@code memory}, ...), "" if not a kernel
     * @param value   the score
     * @param error   the score's error (JMH 99.9% half-width), NaN if unknown
     * @param unit    the score's unit, e.g. {@code ns/op}, {@code blocks/s}, {@code GB/s}
     * @param goal    the goal it is judged against, e.g. {@code <= 149 ns/op}, or "" for none
     * @param met     whether the goal was met (null when there is no goal)
     */
    public record Entry(String group, String name, String params, String backend, double value, double error, String unit,
            String goal, Boolean met) {

        /** An entry without a goal. */
        public static Entry of(String group, String name, String params, String backend, double value, double error, String unit) {
            return new Entry(group, name, params, backend, value, error, unit, "", null);
        }

        /** This entry judged against {@code <= max} (lower is better). */
        public Entry atMost(double max, String goal) {
            return new Entry(group, name, params, backend, value, error, unit, goal, value <= max);
        }

        /** This entry judged against {@code >= min} (higher is better). */
        public Entry atLeast(double min, String goal) {
            return new Entry(group, name, params, backend, value, error, unit, goal, value >= min);
        }
    }

    /** Writes this file as indented JSON (parent folders are created). */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), this);
    }

    /** Reads a file written by {@link #write}. */
    public static ResultsFile read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), ResultsFile.class);
    }

    /** {@code results-<host>-<yyyy-MM-dd>.json}, with characters unsafe in file names replaced. */
    public static String defaultFileName(String host, java.time.LocalDate date) {
        return "results-" + host.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + date + ".json";
    }
}
