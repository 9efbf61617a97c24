package lux.consensus.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Optional;
import lux.consensus.CertBundle;

/**
 * {@link CertBundle#fromBytes} then verification against a fixed validator set: any bytes give a certificate or
 * an IllegalArgumentException, a decoded certificate re-encodes to the same bytes, and the single and batch
 * verifiers agree.
 */
class CertBundleFuzzTest {

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "2h")
    void decodeAndVerify(byte[] bytes) {
        CertBundle certificate;
        try {
            certificate = CertBundle.fromBytes(bytes);
        } catch (IllegalArgumentException malformed) {
            return;
        }
        assertArrayEquals(bytes, certificate.toBytes(), "the encoding is canonical");
        Optional<String> problem = certificate.problem(FuzzFixtures.SET);
        boolean batch = CertBundle.verifyAll(List.of(certificate), FuzzFixtures.SET)[0];
        assertTrue(problem.isEmpty() == batch, () -> "verifyAll says " + batch + ", problem() says " + problem);
    }
}
