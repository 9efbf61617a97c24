package lux.consensus.kernels.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The official test vectors, kept in this module's test resources ({@code testvectors/}, with their README
 * naming source and licence), so every clone runs them; {@code -Dlux.testvectors=DIR} points elsewhere. A
 * vector test whose file is missing fails: it never skips.
 */
public final class TestVectors {

    /** System property naming another vectors directory. */
    public static final String PROPERTY = "lux.testvectors";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestVectors() {
    }

    /** The vectors directory: the property's, or the test resources' {@code testvectors}. */
    static Path root() {
        String forced = System.getProperty(PROPERTY);
        if (forced != null && !forced.isBlank()) {
            return Path.of(forced).toAbsolutePath().normalize();
        }
        URL readme = TestVectors.class.getResource("/testvectors/README.md");
        if (readme == null) {
            throw new AssertionError("the official test vectors are missing from the test resources (testvectors/README.md)");
        }
        try {
            return Path.of(readme.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new AssertionError("cannot locate the test vectors at " + readme, e);
        }
    }

    /** The vectors subdirectory or file {@code relative}; fails the calling test if it is absent. */
    public static Path require(String relative) {
        Path path = root().resolve(relative);
        if (!Files.exists(path)) {
            throw new AssertionError("official test vectors have no " + path);
        }
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
