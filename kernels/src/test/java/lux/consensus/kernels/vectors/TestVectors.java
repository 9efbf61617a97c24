package lux.consensus.kernels.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the official test vectors, which the project does not ship: {@code -Dlux.testvectors=DIR}, or else
 * {@code ../shared/testvectors} beside the project root (the directory whose pom.xml lists
 * {@code <module>kernels</module>}, found by walking up from the working directory). When they are absent
 * the tests that need them are skipped with a message saying where they looked.
 */
public final class TestVectors {

    /** System property naming the vectors directory. */
    public static final String PROPERTY = "lux.testvectors";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestVectors() {
    }

    /** The vectors directory, or null if none was found; {@code where} receives the places tried. */
    static Path locate(StringBuilder where) {
        String forced = System.getProperty(PROPERTY);
        if (forced != null && !forced.isBlank()) {
            Path dir = Path.of(forced).toAbsolutePath().normalize();
            where.append(dir).append(" (-D").append(PROPERTY).append(')');
            return Files.isDirectory(dir) ? dir : null;
        }
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (isProjectRoot(dir)) {
                Path vectors = dir.resolveSibling("shared").resolve("testvectors").normalize();
                where.append(vectors).append(" (../shared/testvectors beside the project root ").append(dir)
                        .append(')');
                return Files.isDirectory(vectors) ? vectors : null;
            }
        }
        where.append("nowhere: no parent pom.xml with <module>kernels</module> above ")
                .append(System.getProperty("user.dir"));
        return null;
    }

    private static boolean isProjectRoot(Path dir) {
        Path pom = dir.resolve("pom.xml");
        try {
            return Files.isRegularFile(pom) && Files.readString(pom).contains("<module>kernels</module>");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The vectors subdirectory or file {@code relative}; skips the calling test (JUnit assumption) if absent.
     */
    public static Path require(String relative) {
        StringBuilder where = new StringBuilder();
        Path root = locate(where);
        Assumptions.assumeTrue(root != null, () -> "official test vectors not found at " + where
                + "; set -D" + PROPERTY + "=DIR to run them. Skipping.");
        Path path = root.resolve(relative);
        Assumptions.assumeTrue(Files.exists(path), () -> "official test vectors have no " + path + ". Skipping.");
        return path;
    }

    /** Parses a JSON file. */
    public static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The JSON files of a directory, sorted by name. */
    public static List<Path> jsonFiles(Path dir) {
        try (var files = Files.list(dir)) {
            return new ArrayList<>(files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** Hex to bytes; accepts an optional {@code 0x} prefix and the empty string. */
    public static byte[] hex(String text) {
        String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        return HexFormat.of().parseHex(digits);
    }

    /** Hex of a JSON string node. */
    public static byte[] hex(JsonNode node) {
        return hex(node.asText());
    }
}
