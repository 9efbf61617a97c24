package lux.consensus.kernels.mldsa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.params.MLDSAPublicKeyParameters;
import org.bouncycastle.crypto.signers.MLDSASigner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract every {@link MlDsaBatchVerifier} must meet: on random batches of awkward sizes (0, 1, 7, 64,
 * 65) mixing valid items with every kind of damage, each answer equals BouncyCastle's own
 * {@code MLDSASigner.verifySignature} on that item (an exception or a null counting as false), and equals
 * what the damage implies. Subclasses name the backend.
 */
abstract class MlDsaBatchVerifierTestCase {

    /** Batch sizes: empty, one, a small prime, a power of two and one past it. */
    static final int[] SIZES = {0, 1, 7, 64, 65};

    /** What is done to a valid (key, message, signature) item. */
    enum Damage {
        NONE(true), SIGNATURE_BIT(false), PUBLIC_KEY_BIT(false), MESSAGE_BIT(false), OTHER_KEY(false),
        TRUNCATED_SIGNATURE(false), LONG_SIGNATURE(false), TRUNCATED_KEY(false), LONG_KEY(false),
        NULL_KEY(false), NULL_MESSAGE(false), NULL_SIGNATURE(false);

        final boolean valid;

        Damage(boolean valid) {
            this.valid = valid;
        }
    }

    /** A few signers per parameter set and their signatures, made once: signing is the slow part. */
    static final Map<MlDsaParams, List<byte[][]>> POOL = new EnumMap<>(MlDsaParams.class);

    /** The backend under test. */
    abstract MlDsaBatchVerifier verifier();

    @BeforeAll
    static void pool() {
        if (!POOL.isEmpty()) {
            return;
        }
        SplittableRandom random = new SplittableRandom(204);
        for (MlDsaParams params : MlDsaParams.values()) {
            List<byte[][]> items = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                MlDsaKeyPair pair = MlDsa.generate(params, bytes(random, 32));
                for (int m = 0; m < 3; m++) {
                    byte[] message = bytes(random, m == 0 ? 0 : random.nextInt(1, 200));
                    items.add(new byte[][] {pair.publicKey(), message, MlDsa.sign(pair, message)});
                }
            }
            POOL.put(params, items);
        }
    }

    @ParameterizedTest
    @EnumSource(MlDsaParams.class)
    void matchesBouncyCastleOnRandomDamagedBatches(MlDsaParams params) {
        SplittableRandom random = new SplittableRandom(params.ordinal() * 1000L + 7);
        for (int size : SIZES) {
            byte[][] keys = new byte[size][];
            byte[][] messages = new byte[size][];
            byte[][] signatures = new byte[size][];
            boolean[] implied = new boolean[size];
            for (int i = 0; i < size; i++) {
                // Half the items valid, the rest spread over the damages.
                Damage damage = random.nextBoolean() ? Damage.NONE
                        : Damage.values()[1 + random.nextInt(Damage.values().length - 1)];
                item(params, damage, random, i, keys, messages, signatures);
                implied[i] = damage.valid;
            }
            boolean[] actual = verifier().verify(params, keys, messages, signatures);
            assertArrayEquals(oracle(params, keys, messages, signatures), actual, params + " batch of " + size);
            assertArrayEquals(implied, actual, params + " batch of " + size);
        }
    }

    @ParameterizedTest
    @EnumSource(MlDsaParams.class)
    void eachDamageAloneIsCaught(MlDsaParams params) {
        SplittableRandom random = new SplittableRandom(11);
        for (Damage damage : Damage.values()) {
            byte[][] keys = new byte[1][];
            byte[][] messages = new byte[1][];
            byte[][] signatures = new byte[1][];
            item(params, damage, random, 0, keys, messages, signatures);
            assertArrayEquals(new boolean[] {damage.valid}, verifier().verify(params, keys, messages, signatures),
                    params + " " + damage);
            assertArrayEquals(oracle(params, keys, messages, signatures),
                    verifier().verify(params, keys, messages, signatures), params + " " + damage);
        }
    }

    @Test
    void keysAndSignaturesOfAnotherParameterSetAreFalse() {
        byte[][] item = POOL.get(MlDsaParams.ML_DSA_44).get(1);
        byte[][] keys = {item[0]};
        byte[][] messages = {item[1]};
        byte[][] signatures = {item[2]};
        assertArrayEquals(new boolean[] {true}, verifier().verify(MlDsaParams.ML_DSA_44, keys, messages, signatures));
        assertArrayEquals(new boolean[] {false}, verifier().verify(MlDsaParams.ML_DSA_65, keys, messages, signatures));
        assertArrayEquals(new boolean[] {false}, verifier().verify(MlDsaParams.ML_DSA_87, keys, messages, signatures));
    }

    @Test
    void argumentsAreCheckedBeforeAnyItem() {
        MlDsaBatchVerifier v = verifier();
        byte[][] two = new byte[2][];
        byte[][] one = new byte[1][];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> v.verify(MlDsaParams.ML_DSA_65, two, one, two));
        assertEquals("publicKeys, messages and signatures must have the same length, got 2, 1 and 2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> v.verify(MlDsaParams.ML_DSA_65, two, two, one));
        assertThrows(NullPointerException.class, () -> v.verify(null, two, two, two));
        assertThrows(NullPointerException.class, () -> v.verify(MlDsaParams.ML_DSA_65, null, two, two));
        assertThrows(NullPointerException.class, () -> v.verify(MlDsaParams.ML_DSA_65, two, null, two));
        assertThrows(NullPointerException.class, () -> v.verify(MlDsaParams.ML_DSA_65, two, two, null));
        // All-null items are bad data, not an error.
        assertArrayEquals(new boolean[2], v.verify(MlDsaParams.ML_DSA_65, two, two, two));
        assertArrayEquals(new boolean[0], v.verify(MlDsaParams.ML_DSA_65, new byte[0][], new byte[0][], new byte[0][]));
    }

    @Test
    void returnsAFreshArrayAndLeavesTheInputsAlone() {
        byte[][] item = POOL.get(MlDsaParams.ML_DSA_65).get(4);
        byte[][] keys = {item[0].clone(), item[0].clone()};
        byte[][] messages = {item[1].clone(), item[1].clone()};
        byte[][] signatures = {item[2].clone(), item[2].clone()};
        boolean[] first = verifier().verify(MlDsaParams.ML_DSA_65, keys, messages, signatures);
        boolean[] second = verifier().verify(MlDsaParams.ML_DSA_65, keys, messages, signatures);
        assertNotSame(first, second);
        assertArrayEquals(new boolean[] {true, true}, first);
        assertArrayEquals(item[0], keys[1]);
        assertArrayEquals(item[1], messages[1]);
        assertArrayEquals(item[2], signatures[1]);
    }

    @Test
    void hasAName() {
        assertFalse(verifier().name().isBlank());
    }

    // ---- helpers ----

    /** BouncyCastle's verdict for each item, straight from its signer; null or an exception is false. */
    static boolean[] oracle(MlDsaParams params, byte[][] keys, byte[][] messages, byte[][] signatures) {
        boolean[] expected = new boolean[keys.length];
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == null || messages[i] == null || signatures[i] == null) {
                continue;
            }
            try {
                MLDSASigner signer = new MLDSASigner();
                signer.init(false, new MLDSAPublicKeyParameters(MlDsa.bouncyCastle(params), keys[i]));
                signer.update(messages[i], 0, messages[i].length);
                expected[i] = signer.verifySignature(signatures[i]);
            } catch (RuntimeException e) {
                expected[i] = false;
            }
        }
        return expected;
    }

    /** Fills slot {@code i} with a pool item damaged as asked. */
    static void item(MlDsaParams params, Damage damage, SplittableRandom random, int i, byte[][] keys,
            byte[][] messages, byte[][] signatures) {
        List<byte[][]> pool = POOL.get(params);
        int pick = random.nextInt(pool.size());
        byte[][] item = pool.get(pick);
        byte[] key = item[0].clone();
        byte[] message = item[1].clone();
        byte[] signature = item[2].clone();
        switch (damage) {
            case NONE -> { }
            case SIGNATURE_BIT -> flipBit(signature, random);
            case PUBLIC_KEY_BIT -> flipBit(key, random);
            case MESSAGE_BIT -> {
                if (message.length == 0) {
                    message = new byte[] {0};
                } else {
                    flipBit(message, random);
                }
            }
            case OTHER_KEY -> key = pool.get((pick + 3) % pool.size())[0].clone(); // 3 signatures per signer
            case TRUNCATED_SIGNATURE -> signature = Arrays.copyOf(signature, random.nextInt(signature.length));
            case LONG_SIGNATURE -> signature = Arrays.copyOf(signature, signature.length + 1 + random.nextInt(8));
            case TRUNCATED_KEY -> key = Arrays.copyOf(key, random.nextInt(key.length));
            case LONG_KEY -> key = Arrays.copyOf(key, key.length + 1 + random.nextInt(8));
            case NULL_KEY -> key = null;
            case NULL_MESSAGE -> message = null;
            case NULL_SIGNATURE -> signature = null;
        }
        keys[i] = key;
        messages[i] = message;
        signatures[i] = signature;
    }

    private static void flipBit(byte[] bytes, SplittableRandom random) {
        bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
    }

    static byte[] bytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Sanity of the pool itself: every pooled item verifies with BouncyCastle. */
    @Test
    void thePoolIsValid() {
        for (MlDsaParams params : MlDsaParams.values()) {
            for (byte[][] item : POOL.get(params)) {
                assertTrue(oracle(params, new byte[][] {item[0]}, new byte[][] {item[1]}, new byte[][] {item[2]})[0]);
            }
        }
    }
}
