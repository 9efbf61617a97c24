package lux.consensus.tornadovm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import lux.consensus.kernels.mldsa.MlDsaParams;

/**
 * The Wycheproof ML-DSA verify vectors ({@code wycheproof/mldsa_NN_verify_test.json}), from the kernels module's
 * test resources (or {@code -Dlux.testvectors=DIR}). Absent, the calling test fails, saying where it looked.
 * Cases with a non-empty context string are left out: the batch verifiers take the empty context only.
 */
final class WycheproofMlDsa {

    /** One case: the item, and whether Wycheproof calls it valid. */
    record Case(int id, byte[] publicKey, byte[] message, byte[] signature, boolean valid) {
    }

    private WycheproofMlDsa() {
    }

    /** The empty-context cases of one parameter set's file. */
    static List<Case> cases(MlDsaParams params) {
        Path file = require("wycheproof/mldsa_" + params.standardName().substring(7) + "_verify_test.json");
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        HexFormat hex = HexFormat.of();
        List<Case> cases = new ArrayList<>();
        for (JsonNode group : root.get("testGroups")) {
            byte[] pk = hex.parseHex(group.get("publicKey").asText());
            for (JsonNode test : group.get("tests")) {
                if (test.has("ctx") && !test.get("ctx").asText().isEmpty()) {
                    continue;
                }
                cases.add(new Case(test.get("tcId").asInt(), pk, hex.parseHex(test.get("msg").asText()),
                        hex.parseHex(test.get("sig").asText()), test.get("result").asText().equals("valid")));
            }
        }
        return cases;
    }

    /** The vectors file: under -Dlux.testvectors, or in the kernels module's test resources; missing fails. */
    private static Path require(String relative) {
        String forced = System.getProperty("lux.testvectors");
        Path root = null;
        if (forced != null && !forced.isBlank()) {
            root = Path.of(forced).toAbsolutePath().normalize();
        } else {
            for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
                if (isProjectRoot(dir)) {
                    root = dir.resolve("kernels/src/test/resources/testvectors");
                    break;
                }
            }
        }
        Path path = root == null ? null : root.resolve(relative);
        if (path == null || !Files.exists(path)) {
            throw new AssertionError("Wycheproof ML-DSA vectors not found at " + path + " (no project root above "
                    + System.getProperty("user.dir") + "?); set -Dlux.testvectors=DIR");
        }
        return path;
    }

    private static boolean isProjectRoot(Path dir) {
        try {
            Path pom = dir.resolve("pom.xml");
            return Files.isRegularFile(pom) && Files.readString(pom).contains("<module>kernels</module>");
        } catch (IOException e) {
            return false;
        }
    }
}
