package lux.consensus.kernels.mldsa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
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

    /** Signers with distinct keys, one signed message each: more than two chunks at every width (8 lanes at most). */
    static final Map<MlDsaParams, List<byte[][]>> DISTINCT = new EnumMap<>(MlDsaParams.class);
    static final int DISTINCT_KEYS = 17;

    @BeforeAll
    static void distinctSigners() {
        if (!DISTINCT.isEmpty()) {
            return;
        }
        SplittableRandom random = new SplittableRandom(2040);
        for (MlDsaParams params : MlDsaParams.values()) {
            List<byte[][]> items = new ArrayList<>();
            for (int k = 0; k < DISTINCT_KEYS; k++) {
                MlDsaKeyPair pair = MlDsa.generate(params, bytes(random, 32));
                byte[] message = bytes(random, random.nextInt(0, 300));
                items.add(new byte[][] {pair.publicKey(), message, MlDsa.sign(pair, message)});
            }
            DISTINCT.put(params, items);
        }
    }

    /**
     * A batch of the first {@code size} distinct signers (each key once, so streamed when not registered), about a
     * third damaged; {@code extra} pool items (keys used more than once: prepared for the call) go on the end.
     */
    static byte[][][] distinctBatch(MlDsaParams params, int size, int extra, SplittableRandom random) {
        byte[][] keys = new byte[size + extra][];
        byte[][] messages = new byte[size + extra][];
        byte[][] signatures = new byte[size + extra][];
        for (int i = 0; i < size; i++) {
            byte[][] item = DISTINCT.get(params).get(i);
            keys[i] = item[0].clone();
            messages[i] = item[1].clone();
            signatures[i] = item[2].clone();
            switch (random.nextInt(9)) {
                case 0 -> signatures[i][random.nextInt(signatures[i].length)] ^= (byte) (1 << random.nextInt(8));
                case 1 -> keys[i][random.nextInt(keys[i].length)] ^= (byte) (1 << random.nextInt(8));
                case 2 -> messages[i] = java.util.Arrays.copyOf(messages[i], messages[i].length + 1);
                default -> { }
            }
        }
        for (int i = size; i < size + extra; i++) {
            item(params, Damage.NONE, random, i, keys, messages, signatures);
        }
        return new byte[][][] {keys, messages, signatures};
    }

    @ParameterizedTest
    @EnumSource(MlDsaParams.class)
    void streamedKeysMatchBouncyCastleAloneAndMixedWithPreparedAndRegisteredKeys(MlDsaParams params) {
        SplittableRandom random = new SplittableRandom(params.ordinal() * 17L + bits());
        int lanes = bits() / 64;
        SimdMlDsaVerifier warm = new SimdMlDsaVerifier(bits(), 64L << 20);
        assertTrue(warm.register(DISTINCT.get(params).get(1)[0])); // one distinct signer registered
        for (int size : new int[] {1, lanes - 1, lanes, lanes + 1, 2 * lanes + 1, DISTINCT_KEYS}) {
            for (int extra : new int[] {0, 3}) {
                byte[][][] b = distinctBatch(params, size, extra, random);
                boolean[] expected = oracle(params, b[0], b[1], b[2]);
                assertArrayEquals(expected, verifier().verify(params, b[0], b[1], b[2]), params + " cold " + size + "+" + extra);
                assertArrayEquals(expected, warm.verify(params, b[0], b[1], b[2]), params + " warm " + size + "+" + extra);
            }
        }
    }

    @Test
    void oneThreadsScratchServesCallsOfEveryParameterSetAndSize() {
        SplittableRandom random = new SplittableRandom(90 + bits());
        SimdMlDsaVerifier v = new SimdMlDsaVerifier(bits(), 64L << 20);
        v.register(DISTINCT.get(MlDsaParams.ML_DSA_44).get(0)[0]);
        MlDsaParams[] order = {MlDsaParams.ML_DSA_87, MlDsaParams.ML_DSA_44, MlDsaParams.ML_DSA_65, MlDsaParams.ML_DSA_87,
                MlDsaParams.ML_DSA_44, MlDsaParams.ML_DSA_65};
        int[] sizes = {DISTINCT_KEYS, 3, 9, 1, DISTINCT_KEYS, 2};
        for (int call = 0; call < order.length; call++) {
            byte[][][] b = distinctBatch(order[call], sizes[call], call % 2, random);
            assertArrayEquals(oracle(order[call], b[0], b[1], b[2]), v.verify(order[call], b[0], b[1], b[2]),
                    "call " + call + ": " + order[call] + " size " + sizes[call]);
        }
    }

    @Test
    void threadsStreamingKeysOfDifferentParameterSetsAtOnce() throws Exception {
        SimdMlDsaVerifier shared = new SimdMlDsaVerifier(bits(), 0);
        MlDsaParams[] params = MlDsaParams.values();
        java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newFixedThreadPool(params.length);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int t = 0; t < params.length; t++) {
                int first = t;
                done.add(executor.submit(() -> {
                    SplittableRandom random = new SplittableRandom(300 + first);
                    for (int round = 0; round < 6; round++) {
                        MlDsaParams p = params[(first + round) % params.length];
                        byte[][][] b = distinctBatch(p, 1 + random.nextInt(DISTINCT_KEYS), random.nextInt(3), random);
                        assertArrayEquals(oracle(p, b[0], b[1], b[2]), shared.verify(p, b[0], b[1], b[2]));
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
