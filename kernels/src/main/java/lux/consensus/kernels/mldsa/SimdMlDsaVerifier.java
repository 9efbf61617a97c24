package lux.consensus.kernels.mldsa;

import static lux.consensus.kernels.mldsa.MlDsaSpec.N;
import static lux.consensus.kernels.mldsa.MlDsaSpec.TR_BYTES;

import java.util.HashMap;
import java.util.Map;
import lux.consensus.kernels.keccak.KeccakVector;
import lux.consensus.kernels.keccak.Shake;
import lux.consensus.kernels.keccak.ShakeLanes;

/**
 * An {@link MlDsaBatchVerifier} on the Java Vector API: FIPS 204 ML-DSA.Verify (Algorithm 3, empty context, so
 * Algorithm 8 on M' = 0 || 0 || M) for a whole batch, computing exactly what {@link JavaMlDsaVerifier} and
 * {@link BouncyCastleMlDsaVerifier} compute.
 *
 * <p>How the batch is shared out:
 * <ul>
 *   <li>Keccak: the hashing of several items runs together, one item per lane of a {@link KeccakVector}
 *       ({@link ShakeLanes}): ExpandA's SHAKE128 streams across the batch's distinct keys ({@link ExpandA}),
 *       tr = H(pk), mu, the SampleInBall streams, and the final c-tilde' hash;</li>
 *   <li>NTT, pointwise products and inverse NTT: one coefficient per lane ({@link MlDsaVectorMath}), the
 *       items of a chunk by {@link VerifyChunk};</li>
 *   <li>decoding, the hint and norm checks, UseHint and w1Encode: scalar ({@link MlDsaCore}), cheap.</li>
 * </ul>
 *
 * <p>Key registration ({@link #register}): A-hat, NTT(t1 2^d) and tr depend only on the key; a registered key
 * keeps them in a cache bounded by bytes ({@value #KEY_CACHE_PROPERTY}, default
 * {@value #DEFAULT_KEY_CACHE_BYTES} bytes, least recently used out), which removes ExpandA (most of a cold
 * verification) from later batches. A key not registered that several items of a batch share is prepared for
 * the call (once); one that a single item uses is streamed: its A-hat rows are expanded, used and dropped.
 *
 * <p>Thread-safe: per-thread scratch reused across calls, an immutable key preparation, a locked cache. Building one without the
 * {@code jdk.incubator.vector} module throws {@link UnsupportedOperationException}.
 */
public final class SimdMlDsaVerifier implements MlDsaBatchVerifier, MlDsaKeyRegistry {

    /** Property: the key cache's budget in bytes, for the constructors that do not take one. */
    public static final String KEY_CACHE_PROPERTY = "lux.mldsa.keyCacheBytes";
    /** Default key cache budget: 64 MiB, about 1,550 ML-DSA-65 keys. */
    public static final long DEFAULT_KEY_CACHE_BYTES = 64L << 20;

    private static final String MODULE = "jdk.incubator.vector";

    private final int bits;
    private final KeccakVector keccak;
    private final MlDsaVectorMath math;
    private final KeyCache cache;
    private final String name;
    private final ThreadLocal<VerifyChunk> scratch;

    /**
     * The backend at one vector width with the default (or {@value #KEY_CACHE_PROPERTY}) cache budget. Every
     * width runs on every machine (the Vector API emulates widths the hardware lacks, slowly).
     *
     * @param bits 128, 256 or 512
     * @throws UnsupportedOperationException for another width or without the {@code jdk.incubator.vector} module
     */
    public SimdMlDsaVerifier(int bits) {
        this(bits, budgetFromProperty());
    }

    /**
     * @param bits          128, 256 or 512
     * @param keyCacheBytes most bytes the registered keys may hold (0 keeps none)
     * @throws UnsupportedOperationException for another width or without the {@code jdk.incubator.vector} module
     * @throws IllegalArgumentException      for a negative budget
     */
    public SimdMlDsaVerifier(int bits, long keyCacheBytes) {
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            throw new UnsupportedOperationException("module " + MODULE
                    + " is not in the boot layer; run the JVM with --add-modules " + MODULE);
        }
        this.cache = new KeyCache(keyCacheBytes);
        this.keccak = KeccakVector.of(bits);
        this.math = MlDsaVectorMath.of(bits);
        this.bits = bits;
        this.name = "simd-" + bits;
        this.scratch = ThreadLocal.withInitial(() -> new VerifyChunk(keccak, math));
    }

    private static long budgetFromProperty() {
        String value = System.getProperty(KEY_CACHE_PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_KEY_CACHE_BYTES;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(KEY_CACHE_PROPERTY + " must be a number of bytes, got '" + value + "'");
        }
    }

    /** The vector width in bits. */
    public int vectorBits() {
        return bits;
    }

    /** Items hashed together (long lanes per vector). */
    public int lanes() {
        return keccak.states();
    }

    /** The key cache's budget in bytes. */
    public long keyCacheBudget() {
        return cache.budget();
    }

    /** Bytes the registered keys hold now. */
    public long registeredBytes() {
        return cache.used();
    }

    @Override
    public int registeredKeys() {
        return cache.size();
    }

    /** Forgets every registered key. */
    public void clearRegisteredKeys() {
        cache.clear();
    }

    @Override
    public boolean register(byte[] publicKey) {
        MlDsaSpec spec = null;
        for (MlDsaParams params : MlDsaParams.values()) {
            if (params.publicKeyBytes() == publicKey.length) {
                spec = MlDsaSpec.of(params);
            }
        }
        if (spec == null || PreparedKey.bytes(spec) > cache.budget()) {
            return false;
        }
        KeyCache.Encoded key = KeyCache.Encoded.of(publicKey);
        if (cache.get(key) != null) {
            return true;
        }
        return cache.put(key, prepare(spec, new byte[][] {publicKey}, 1, scratch.get())[0]);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "SimdMlDsaVerifier[" + name + ", keys=" + cache.size() + "]";
    }

    @Override
    public boolean[] verify(MlDsaParams params, byte[][] publicKeys, byte[][] messages, byte[][] signatures) {
        int n = MlDsaArguments.check(params, publicKeys, messages, signatures);
        MlDsaSpec spec = MlDsaSpec.of(params);
        boolean[] valid = new boolean[n];
        // Decoding and the checks that need no hashing (Algorithm 8 lines 2-3 and the bound of line 13).
        int[] live = new int[n];
        int[][] hints = new int[n][];
        int[][] zs = new int[n][];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (!MlDsaArguments.wellFormed(params, publicKeys[i], messages[i], signatures[i])) {
                continue;
            }
            int[] h = MlDsaCore.decodeHint(spec, signatures[i]);
            int[] z = h == null ? null : MlDsaCore.decodeZ(spec, signatures[i]);
            if (z != null) {
                hints[i] = h;
                zs[i] = z;
                live[count++] = i;
            }
        }
        VerifyChunk chunk = scratch.get();
        PreparedKey[] keys = keysOf(spec, publicKeys, live, count, chunk);
        // Items with a prepared key first, then the streamed ones (keys[i] null), lanes at a time.
        int[] order = new int[count];
        int prepared = 0;
        int streamed = count;
        for (int c = 0; c < count; c++) {
            int i = live[c];
            if (keys[i] != null) {
                order[prepared++] = i;
            } else {
                order[--streamed] = i;
            }
        }
        int lanes = lanes();
        for (int from = 0; from < count;) {
            int end = Math.min(from + lanes, from < prepared ? prepared : count); // no chunk mixes the two kinds
            chunk.run(spec, from >= prepared, order, from, end - from, keys, publicKeys, messages, signatures, hints, zs,
                    valid);
            from = end;
        }
        return valid;
    }

    /**
     * The prepared key of each live item: from the cache; else, for a key that two or more items share, prepared
     * now (once); else null: a key seen once is streamed (its A-hat never stored).
     */
    private PreparedKey[] keysOf(MlDsaSpec spec, byte[][] publicKeys, int[] live, int count, VerifyChunk chunk) {
        PreparedKey[] keys = new PreparedKey[publicKeys.length];
        Map<KeyCache.Encoded, Integer> missing = new HashMap<>();
        byte[][] distinct = new byte[count][];
        int[] uses = new int[count];
        int[] slot = new int[publicKeys.length];
        for (int c = 0; c < count; c++) {
            int i = live[c];
            KeyCache.Encoded key = KeyCache.Encoded.of(publicKeys[i]);
            PreparedKey cached = cache.get(key);
            if (cached != null) {
                keys[i] = cached;
                slot[i] = -1;
                continue;
            }
            Integer s = missing.get(key);
            if (s == null) {
                s = missing.size();
                missing.put(key, s);
                distinct[s] = publicKeys[i];
            }
            uses[s]++;
            slot[i] = s;
        }
        int shared = 0;
        int[] sharedSlot = new int[missing.size()];
        byte[][] toPrepare = new byte[missing.size()][];
        for (int s = 0; s < missing.size(); s++) {
            sharedSlot[s] = -1;
            if (uses[s] > 1) {
                sharedSlot[s] = shared;
                toPrepare[shared++] = distinct[s];
            }
        }
        if (shared > 0) {
            PreparedKey[] prepared = prepare(spec, toPrepare, shared, chunk);
            for (int c = 0; c < count; c++) {
                int i = live[c];
                if (keys[i] == null && sharedSlot[slot[i]] >= 0) {
                    keys[i] = prepared[sharedSlot[slot[i]]];
                }
            }
        }
        return keys;
    }

    /** Prepares {@code publicKeys[0 .. count)}: ExpandA and tr with one key per Keccak lane, then NTT(t1 2^d). */
    PreparedKey[] prepare(MlDsaSpec spec, byte[][] publicKeys, int count, VerifyChunk chunk) {
        int lanes = lanes();
        int k = spec.k();
        int l = spec.l();
        PreparedKey[] out = new PreparedKey[count];
        ShakeLanes h = new ShakeLanes(keccak, Shake.RATE_256);
        ExpandA expandA = new ExpandA(keccak);
        int[] pkLengths = new int[lanes];
        byte[][] inputs = new byte[lanes][];
        byte[][] trs = new byte[lanes][TR_BYTES];
        float[][] aHat = new float[lanes][];
        for (int from = 0; from < count; from += lanes) {
            int m = Math.min(lanes, count - from);
            for (int s = 0; s < m; s++) {
                aHat[s] = new float[k * l * N];
                inputs[s] = publicKeys[from + s];
                pkLengths[s] = publicKeys[from + s].length;
            }
            for (int r = 0; r < k; r++) {
                expandA.row(inputs, m, r, l, aHat, r * l * N);
            }
            // tr = H(pk, 64) (Algorithm 8 line 5), all keys together.
            h.digest(inputs, pkLengths, m, trs, TR_BYTES);
            for (int s = 0; s < m; s++) {
                double[] t1Hat = new double[k * N];
                chunk.t1Scaled(spec, publicKeys[from + s], t1Hat);
                for (int r = 0; r < k; r++) {
                    math.ntt(t1Hat, r * N);
                }
                out[from + s] = new PreparedKey(spec, aHat[s], t1Hat, trs[s].clone());
            }
        }
        return out;
    }
}
