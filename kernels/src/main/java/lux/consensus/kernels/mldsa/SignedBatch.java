package lux.consensus.kernels.mldsa;

import java.util.SplittableRandom;

/**
 * A batch of genuine ML-DSA signatures, each under a key of its own, over random messages: what the benchmarks
 * verify. The same seed gives the same batch.
 *
 * @param keys       encoded public keys
 * @param messages   the signed messages
 * @param signatures {@code signatures[i]} signs {@code messages[i]} under {@code keys[i]}
 */
public record SignedBatch(byte[][] keys, byte[][] messages, byte[][] signatures) {

    /** {@code count} key pairs, messages of {@code messageBytes} and their signatures, all drawn from {@code seed}. */
    public static SignedBatch of(MlDsaParams params, int count, int messageBytes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[][] keys = new byte[count][];
        byte[][] messages = new byte[count][];
        byte[][] signatures = new byte[count][];
        for (int i = 0; i < count; i++) {
            byte[] keySeed = new byte[MlDsa.SEED_BYTES];
            random.nextBytes(keySeed);
            MlDsaKeyPair pair = MlDsa.generate(params, keySeed);
            keys[i] = pair.publicKey();
            messages[i] = new byte[messageBytes];
            random.nextBytes(messages[i]);
            signatures[i] = MlDsa.sign(pair, messages[i]);
        }
        return new SignedBatch(keys, messages, signatures);
    }
}
