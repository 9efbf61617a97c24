package lux.consensus.kernels.mldsa;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import lux.consensus.kernels.mldsa.WycheproofMlDsaVectorsTest.VerifyCase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every Wycheproof ML-DSA verify vector with the empty context (the only kind {@link MlDsaBatchVerifier} can
 * express; the loading is {@link WycheproofMlDsaVectorsTest}'s) through one backend, named by the subclass:
 * once as one batch, once item by item, and once in batches of 7. Cases with a context string are
 * not applicable to the API and are left out (the count is printed).
 */
abstract class WycheproofMlDsaBackendTestCase {

    abstract MlDsaBatchVerifier verifier();

    @ParameterizedTest
    @EnumSource(MlDsaParams.class)
    void everyEmptyContextVerifyVector(MlDsaParams params) {
        List<VerifyCase> all = WycheproofMlDsaVectorsTest.verifyCases(params);
        List<VerifyCase> pure = all.stream().filter(c -> c.context().length == 0).toList();
        int n = pure.size();
        byte[][] keys = new byte[n][];
        byte[][] messages = new byte[n][];
        byte[][] signatures = new byte[n][];
        for (int i = 0; i < n; i++) {
            keys[i] = pure.get(i).publicKey();
            messages[i] = pure.get(i).message();
            signatures[i] = pure.get(i).signature();
        }
        MlDsaBatchVerifier v = verifier();
        boolean[] batch = v.verify(params, keys, messages, signatures);
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean single = v.verify(params, new byte[][] {keys[i]}, new byte[][] {messages[i]},
                    new byte[][] {signatures[i]})[0];
            if (batch[i] != pure.get(i).valid() || single != pure.get(i).valid()) {
                wrong.add(pure.get(i) + " expected " + pure.get(i).valid() + " batch " + batch[i] + " single " + single);
            }
        }
        // Awkward chunkings: every chunk's answers must equal the whole batch's.
        for (int chunk : new int[] {7}) { // a prime: chunks straddle the lane count
            for (int from = 0; from < n; from += chunk) {
                int to = Math.min(n, from + chunk);
                boolean[] part = v.verify(params, java.util.Arrays.copyOfRange(keys, from, to),
                        java.util.Arrays.copyOfRange(messages, from, to),
                        java.util.Arrays.copyOfRange(signatures, from, to));
                for (int i = from; i < to; i++) {
                    if (part[i - from] != pure.get(i).valid()) {
                        wrong.add(pure.get(i) + " in chunk of " + chunk);
                    }
                }
            }
        }
        assertTrue(wrong.isEmpty(), v.name() + ": " + wrong.size() + " wrong: " + wrong);
        System.out.println(v.name() + " " + params.standardName() + ": " + n + " empty-context verify vectors as expected"
                + " (" + (all.size() - n) + " with a context string not applicable)");
    }
}
