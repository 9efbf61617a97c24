package lux.consensus.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import lux.consensus.ValidatorSet;

/** {@link ValidatorSet#fromBytes}: a set (whose encoding is the input) or an IllegalArgumentException. */
class ValidatorSetFuzzTest {

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "2h")
    void decode(byte[] bytes) {
        ValidatorSet set;
        try {
            set = ValidatorSet.fromBytes(bytes);
        } catch (IllegalArgumentException malformed) {
            return;
        }
        assertArrayEquals(bytes, set.toBytes(), "the encoding is canonical");
    }
}
