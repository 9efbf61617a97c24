package lux.consensus.kernels.mldsa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SignedBatchTest {

    @Test
    void everySignatureVerifiesUnderItsOwnKeyAndTheSeedFixesTheBatch() {
        SignedBatch batch = SignedBatch.of(MlDsaParams.ML_DSA_44, 5, 17, 9);
        boolean[] all = new boolean[5];
        Arrays.fill(all, true);
        assertArrayEquals(all, new BouncyCastleMlDsaVerifier().verify(MlDsaParams.ML_DSA_44, batch.keys(), batch.messages(), batch.signatures()));
        assertEquals(17, batch.messages()[4].length);
        assertEquals(5, Arrays.stream(batch.keys()).map(Arrays::toString).distinct().count(), "distinct keys");
        SignedBatch again = SignedBatch.of(MlDsaParams.ML_DSA_44, 5, 17, 9);
        assertArrayEquals(batch.signatures(), again.signatures());
    }
}
