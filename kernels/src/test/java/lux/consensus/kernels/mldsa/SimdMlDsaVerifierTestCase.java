package lux.consensus.kernels.mldsa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link SimdMlDsaVerifier} at one width, built explicitly: the whole contract with keys not registered (cold),
 * and again here with every pooled key registered (warm), plus batch sizes around the lane count and the
 * cache's budget.
 */
abstract class SimdMlDsaVerifierTestCase extends MlDsaBatchVerifierTestCase {

    /** The vector width under test. */
    abstract int bits();

    private SimdMlDsaVerifier cold;

    @Override
    MlDsaBatchVerifier verifier() {
        if (cold == null) {
            cold = new SimdMlDsaVerifier(bits(), 0);
        }
        return cold;
    }

    @Test
    void describesItself() {
        SimdMlDsaVerifier v = new SimdMlDsaVerifier(bits(), 0);
        assertEquals("simd-" + bits(), v.name());
        assertEquals(bits(), v.vectorBits());
        assertEquals(bits() / 64, v.lanes());
    }

    @ParameterizedTest
    @EnumSource(MlDsaParams.class)
    void registeredAndUnregisteredKeysGiveTheSameAnswers(MlDsaParams params) {
        SimdMlDsaVerifier warm = new SimdMlDsaVerifier(bits(), 64L << 20);
        List<byte[][]> pool = POOL.get(params);
        for (int i = 0; i < pool.size(); i += 2) { // register some keys: batches mix registered and not
            assertTrue(warm.register(pool.get(i)[0]));
        }
        assertTrue(warm.registeredKeys() > 0);
        SplittableRandom random = new SplittableRandom(params.ordinal() * 31L + bits());
        int lanes = bits() / 64;
        for (int size : new int[] {0, 1, lanes - 1, lanes, lanes + 1, 7, 8, 9, 63, 64, 65}) {
            byte[][] keys = new byte[size][];
            byte[][] messages = new byte[size][];
            byte[][] signatures = new byte[size][];
            boolean[] implied = new boolean[size];
            for (int i = 0; i < size; i++) {
                Damage damage = random.nextInt(3) != 0 ? Damage.NONE
                        : Damage.values()[1 + random.nextInt(Damage.values().length - 1)];
                item(params, damage, random, i, keys, messages, signatures);
                implied[i] = damage.valid;
            }
            boolean[] expected = oracle(params, keys, messages, signatures);
            assertArrayEquals(implied, expected, "pool damage as implied");
            assertArrayEquals(expected, warm.verify(params, keys, messages, signatures), params + " warm " + size);
            assertArrayEquals(expected, verifier().verify(params, keys, messages, signatures), params + " cold " + size);
        }
    }

    @Test
    void aThousandItemsMatchBouncyCastle() {
        SplittableRandom random = new SplittableRandom(1000 + bits());
        MlDsaParams params = MlDsaParams.ML_DSA_44;
        int size = 1000;
        byte[][] keys = new byte[size][];
        byte[][] messages = new byte[size][];
        byte[][] signatures = new byte[size][];
        for (int i = 0; i < size; i++) {
            Damage damage = random.nextInt(4) != 0 ? Damage.NONE : Damage.SIGNATURE_BIT;
            item(params, damage, random, i, keys, messages, signatures);
        }
        assertArrayEquals(oracle(params, keys, messages, signatures), verifier().verify(params, keys, messages,
                signatures));
    }

    @Test
    void theCacheKeepsToItsBudget() {
        long one = PreparedKey.bytes(MlDsaSpec.of(MlDsaParams.ML_DSA_65)) + 1952 + 16;
        SimdMlDsaVerifier v = new SimdMlDsaVerifier(bits(), 2 * one);
        List<byte[][]> pool = POOL.get(MlDsaParams.ML_DSA_65);
        assertTrue(v.register(pool.get(0)[0]));
        assertTrue(v.register(pool.get(3)[0]));
        assertTrue(v.register(pool.get(6)[0]));
        assertEquals(2, v.registeredKeys(), "the least recently used key is evicted");
        assertTrue(v.registeredBytes() <= 2 * one);
        assertFalse(v.register(new byte[5]), "not a public key length");
        assertFalse(new SimdMlDsaVerifier(bits(), 0).register(pool.get(0)[0]), "a zero budget holds nothing");
        v.clearRegisteredKeys();
        assertEquals(0, v.registeredKeys());
        assertEquals(0, v.registeredBytes());
    }

    @Test
    void oneVerifierSharedByThreadsWhileKeysAreRegistered() throws Exception {
        SimdMlDsaVerifier shared = new SimdMlDsaVerifier(bits(), 64L << 20);
        MlDsaParams params = MlDsaParams.ML_DSA_65;
        List<byte[][]> pool = POOL.get(params);
        int threads = 3;
        java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = 77 + t;
                done.add(executor.submit(() -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    for (int round = 0; round < 4; round++) {
                        shared.register(pool.get(random.nextInt(pool.size()))[0]);
                        int size = 1 + random.nextInt(13);
                        byte[][] keys = new byte[size][];
                        byte[][] messages = new byte[size][];
                        byte[][] signatures = new byte[size][];
                        for (int i = 0; i < size; i++) {
                            Damage damage = random.nextBoolean() ? Damage.NONE : Damage.SIGNATURE_BIT;
                            item(params, damage, random, i, keys, messages, signatures);
                        }
                        assertArrayEquals(oracle(params, keys, messages, signatures),
                                shared.verify(params, keys, messages, signatures));
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
        } finally {
            executor.shutdownNow();
        }
    }
}
