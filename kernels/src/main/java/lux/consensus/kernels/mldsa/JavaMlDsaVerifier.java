package lux.consensus.kernels.mldsa;

import static lux.consensus.kernels.mldsa.MlDsaSpec.N;
import static lux.consensus.kernels.mldsa.MlDsaSpec.TR_BYTES;

import java.security.MessageDigest;
import lux.consensus.kernels.keccak.Shake;

/**
 * A pure-Java {@link MlDsaBatchVerifier}: FIPS 204 ML-DSA.Verify (Algorithm 3) with the empty context, that is
 * ML-DSA.Verify_internal (Algorithm 8) on M' = 0 || 0 || M, one item after another, on this project's own
 * {@link Shake} and {@link MlDsaCore}. No BouncyCastle code; it must agree with {@link BouncyCastleMlDsaVerifier}
 * on every input, and is the scalar twin of {@link SimdMlDsaVerifier}.
 *
 * <p>Stateless and thread-safe.
 */
public final class JavaMlDsaVerifier implements MlDsaBatchVerifier {

    /** The name {@link #name()} reports. */
    public static final String NAME = "java";

    /** Creates the backend; it has no state. */
    public JavaMlDsaVerifier() {
    }

    @Override
    public boolean[] verify(MlDsaParams params, byte[][] publicKeys, byte[][] messages, byte[][] signatures) {
        int n = MlDsaArguments.check(params, publicKeys, messages, signatures);
        MlDsaSpec spec = MlDsaSpec.of(params);
        boolean[] valid = new boolean[n];
        for (int i = 0; i < n; i++) {
            valid[i] = MlDsaArguments.wellFormed(params, publicKeys[i], messages[i], signatures[i])
                    && verifyOne(spec, publicKeys[i], messages[i], signatures[i]);
        }
        return valid;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String toString() {
        return "JavaMlDsaVerifier";
    }

    /** Algorithm 8 for one well-formed item (key and signature of the right lengths). */
    static boolean verifyOne(MlDsaSpec spec, byte[] pk, byte[] message, byte[] sig) {
        return verifyMu(spec, pk, mu(pk, new byte[2], message), sig);
    }

    /**
     * Lines 5-6: tr = H(pk, 64), mu = H(tr || M', 64) with M' = {@code domain} || M; pure ML-DSA's domain is
     * IntegerToBytes(0, 1) || IntegerToBytes(|ctx|, 1) || ctx (Algorithm 3, line 5), here always the empty ctx.
     */
    static byte[] mu(byte[] pk, byte[] domain, byte[] message) {
        byte[] tr = Shake.shake256(TR_BYTES, pk);
        return Shake.shake256(TR_BYTES, tr, domain, message);
    }

    /** ML-DSA.Verify_internal (Algorithm 8) from mu: what {@link #verifyOne} runs once mu is known. */
    static boolean verifyMu(MlDsaSpec spec, byte[] pk, byte[] mu, byte[] sig) {
        // Line 2-3: sigDecode; a malformed hint is bottom, so false. Line 13's norm bound is checked as z is read.
        int[] positions = MlDsaCore.decodeHint(spec, sig);
        if (positions == null) {
            return false;
        }
        int[] h = MlDsaCore.denseHint(spec, positions);
        int[] z = MlDsaCore.decodeZ(spec, sig);
        if (z == null) {
            return false;
        }
        // Lines 4, 7-8: A-hat, c, and A-hat NTT(z) - NTT(c) NTT(t1 2^d), then NTT^-1.
        int[] aHat = MlDsaCore.expandA(spec, pk);
        int[] t1Hat = MlDsaCore.t1HatScaled(spec, pk);
        int[] c = MlDsaCore.sampleInBall(spec, sig);
        MlDsaCore.ntt(c, 0);
        for (int s = 0; s < spec.l(); s++) {
            MlDsaCore.ntt(z, s * N);
        }
        int[] w = new int[spec.k() * N];
        for (int r = 0; r < spec.k(); r++) {
            int row = r * N;
            for (int j = 0; j < N; j++) {
                // Each product reduced to (-q, q); the l + 1 of them sum to below 8 q in size, then reduce().
                int acc = -MlDsaCore.montReduce((long) c[j] * t1Hat[row + j]);
                for (int s = 0; s < spec.l(); s++) {
                    acc += MlDsaCore.montReduce((long) aHat[(r * spec.l() + s) * N + j] * z[s * N + j]);
                }
                w[row + j] = MlDsaCore.reduce(acc);
            }
            MlDsaCore.invNtt(w, row);
        }
        // Line 9: w1 = UseHint(h, w'approx), coefficient-wise on [0, q) representatives.
        int m = spec.highBitsModulus();
        for (int i = 0; i < w.length; i++) {
            w[i] = MlDsaCore.useHint(spec.gamma2(), m, h[i], MlDsaCore.freeze(w[i]));
        }
        // Line 10: c-tilde' = H(mu || w1Encode(w1), lambda / 4); line 13: compare (the z bound passed above).
        byte[] w1 = new byte[spec.k() * spec.w1PolyBytes()];
        MlDsaCore.w1Encode(w, w.length, spec.w1Bits(), w1, 0);
        byte[] cTilde = Shake.shake256(spec.cTildeBytes(), mu, w1);
        return MessageDigest.isEqual(java.util.Arrays.copyOf(sig, spec.cTildeBytes()), cTilde);
    }
}
