package lux.consensus.tornadovm;

import java.util.SplittableRandom;
import lux.consensus.kernels.mldsa.MlDsa;
import lux.consensus.kernels.mldsa.MlDsaKeyPair;
import lux.consensus.kernels.mldsa.MlDsaParams;

/**
 * Random ML-DSA batches for the differential tests: a few keys, messages of awkward lengths, and signatures that
 * are valid or tampered in one of several ways (message, c-tilde, z, hint, wrong key, wrong length, null).
 */
final class MlDsaBatches {

    /** One batch: the three arrays a verifier takes. */
    record Batch(MlDsaParams params, byte[][] publicKeys, byte[][] messages, byte[][] signatures) {
        int size() {
            return publicKeys.length;
        }
    }

    private MlDsaBatches() {
    }

    /** {@code size} items over {@code keys} key pairs; about half valid, the rest tampered one way each. */
    static Batch random(MlDsaParams params, int size, int keys, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        MlDsaKeyPair[] pairs = new MlDsaKeyPair[keys];
        byte[][] publicKeys = new byte[keys][];
        for (int i = 0; i < keys; i++) {
            byte[] xi = new byte[MlDsa.SEED_BYTES];
            random.nextBytes(xi);
            pairs[i] = MlDsa.generate(params, xi);
            publicKeys[i] = pairs[i].publicKey();
        }
        byte[][] pks = new byte[size][];
        byte[][] messages = new byte[size][];
        byte[][] signatures = new byte[size][];
        int[] lengths = {0, 1, 32, 71, 135, 136, 137, 300, 1000};
        for (int i = 0; i < size; i++) {
            int key = random.nextInt(keys);
            byte[] message = new byte[lengths[random.nextInt(lengths.length)]];
            random.nextBytes(message);
            byte[] signature = MlDsa.sign(pairs[key], message);
            pks[i] = random.nextBoolean() ? publicKeys[key] : publicKeys[key].clone(); // same key, other array
            messages[i] = message;
            signatures[i] = signature;
            tamper(random, params, i, pks, messages, signatures, publicKeys);
        }
        return new Batch(params, pks, messages, signatures);
    }

    private static void tamper(SplittableRandom random, MlDsaParams params, int i, byte[][] pks, byte[][] messages,
            byte[][] signatures, byte[][] publicKeys) {
        int roll = random.nextInt(20);
        byte[] sig = signatures[i];
        switch (roll) {
            case 0 -> {
                if (messages[i].length > 0) {
                    messages[i][random.nextInt(messages[i].length)] ^= 1;
                } else {
                    messages[i] = new byte[] {0};
                }
            }
            case 1 -> sig[random.nextInt(16)] ^= (byte) (1 << random.nextInt(8)); // c-tilde
            case 2 -> sig[64 + random.nextInt(params.signatureBytes() / 2)] ^= 0x10; // z
            case 3 -> sig[sig.length - 1 - random.nextInt(12)] ^= 1; // the hint's counts or indices
            case 4 -> pks[i] = publicKeys[(java.util.Arrays.asList(publicKeys).indexOf(pks[i]) + 1) % publicKeys.length];
            case 5 -> signatures[i] = java.util.Arrays.copyOf(sig, sig.length - 1);
            case 6 -> messages[i] = null;
            case 7 -> pks[i][random.nextInt(32)] ^= 4; // rho: another A
            case 8 -> pks[i][32 + random.nextInt(pks[i].length - 32)] ^= 4; // t1
            default -> {
                // valid
            }
        }
    }
}
