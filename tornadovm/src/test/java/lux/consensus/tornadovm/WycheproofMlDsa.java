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
import org.junit.jupiter.api.Assumptions;

/**
 * The Wycheproof ML-DSA verify vectors ({@code wycheproof/mldsa_NN_verify_test.json}), which the project does not
 * ship: under {@code -Dlux.testvectors=DIR}, or else {@code ../shared/testvectors} beside the project root (the
 * directory whose pom.xml lists the kernels module). Absent, the calling test is skipped, saying where it looked.
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

    private static Path require(String relative) {
        String forced = System.getProperty("lux.testvectors");
        Path root = null;
        String where;
        if (forced != null && !forced.isBlank()) {
            root = Path.of(forced).toAbsolutePath().normalize();
            where = root + " (-Dlux.testvectors)";
        } else {
            where = "nowhere: no project root above " + System.getProperty("user.dir");
            for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
                if (isProjectRoot(dir)) {
                    root = dir.resolveSibling("shared").resolve("testvectors").normalize();
                    where = root + " (../shared/testvectors beside the project root)";
                    break;
                }
            }
        }
        Path path = root == null ? null : root.resolve(relative);
        String looked = where;
        Assumptions.assumeTrue(path != null && Files.exists(path), () -> "Wycheproof ML-DSA vectors not found at "
                + looked + "; set -Dlux.testvectors=DIR to run them. Skipping.");
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
