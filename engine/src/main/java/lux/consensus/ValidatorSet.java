package lux.consensus;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import lux.consensus.kernels.bls.Bls;
import lux.consensus.kernels.bls.BlsPublicKey;
import lux.consensus.kernels.bls.BlsSignature;
import lux.consensus.kernels.mldsa.MlDsaParams;

/**
 * The validators whose signatures make quantum-finality certificates: for each, its id, stake, BLS12-381
 * public key with proof of possession, and ML-DSA public key. Immutable.
 *
 * <p>Keys are checked once, when the set is built: each BLS key is decoded, subgroup-checked and its proof
 * of possession verified (so aggregating keys later needs no further checks, and rogue-key attacks are
 * ruled out); each ML-DSA key must have its parameter set's length. {@link #toBytes()} is a canonical
 * encoding that a third party can use to verify certificates offline ({@link #fromBytes} re-checks it all).
 */
public final class ValidatorSet {
    private static final byte[] MAGIC = {'L', 'Q', 'V', 'S'};
    private static final byte VERSION = 1;
    /** Largest set {@link #fromBytes} accepts, so a corrupt count cannot make it allocate without bound. */
    public static final int MAX_VALIDATORS = 1 << 16;

    private final MlDsaParams mlDsaParams;
    private final List<Validator> validators;
    private final Map<Id, Integer> indexById;
    private final long totalStake;
    private final byte[] encoding;
    private final byte[] hash;

    /** One validator's public identity. */
    public static final class Validator {
        private final Id id;
        private final long stake;
        private final BlsPublicKey blsKey;
        private final BlsSignature blsProof;
        private final byte[] mlDsaKey;

        /**
         * @param blsProof proof of possession of {@code blsKey}'s secret key (a signature over the key's bytes
         *     with the POP ciphersuite), checked when a {@link ValidatorSet} is built
         */
        public Validator(Id id, long stake, BlsPublicKey blsKey, BlsSignature blsProof, byte[] mlDsaKey) {
            this.id = Objects.requireNonNull(id, "validator id must not be null");
            this.blsKey = Objects.requireNonNull(blsKey, "BLS key of validator " + id + " must not be null");
            this.blsProof = Objects.requireNonNull(blsProof, "BLS proof of possession of validator " + id + " must not be null");
            this.mlDsaKey = Objects.requireNonNull(mlDsaKey, "ML-DSA key of validator " + id + " must not be null").clone();
            if (stake <= 0) {
                throw new IllegalArgumentException("stake of validator " + id + " must be > 0, got " + stake);
            }
            this.stake = stake;
        }

        public Id id() {
            return id;
        }

        public long stake() {
            return stake;
        }

        public BlsPublicKey blsKey() {
            return blsKey;
        }

        public BlsSignature blsProof() {
            return blsProof;
        }

        /** A copy of the encoded ML-DSA public key. */
        public byte[] mlDsaKey() {
            return mlDsaKey.clone();
        }

        byte[] mlDsaKeyUnsafe() {
            return mlDsaKey;
        }
    }

    /**
     * Builds and checks a validator set.
     *
     * @throws IllegalArgumentException if it is empty, an id repeats, a proof of possession fails, an ML-DSA
     *     key has the wrong length, or the total stake overflows; the message names the validator
     */
    public static ValidatorSet of(MlDsaParams mlDsaParams, List<Validator> validators) {
        return new ValidatorSet(mlDsaParams, validators);
    }

    private ValidatorSet(MlDsaParams mlDsaParams, List<Validator> list) {
        this.mlDsaParams = Objects.requireNonNull(mlDsaParams, "mlDsaParams must not be null");
        Objects.requireNonNull(list, "validators must not be null");
        if (list.isEmpty() || list.size() > MAX_VALIDATORS) {
            throw new IllegalArgumentException("a validator set needs 1.." + MAX_VALIDATORS + " validators, got " + list.size());
        }
        Map<Id, Integer> index = new HashMap<>();
        long total = 0;
        for (int i = 0; i < list.size(); i++) {
            Validator v = Objects.requireNonNull(list.get(i), "validator " + i + " must not be null");
            if (index.putIfAbsent(v.id, i) != null) {
                throw new IllegalArgumentException("validator " + v.id + " appears twice (index " + index.get(v.id) + " and " + i + ")");
            }
            if (v.mlDsaKey.length != mlDsaParams.publicKeyBytes()) {
                throw new IllegalArgumentException("ML-DSA key of validator " + v.id + " must be " + mlDsaParams.publicKeyBytes()
                        + " bytes for " + mlDsaParams + ", got " + v.mlDsaKey.length);
            }
            if (!Bls.popVerify(v.blsKey, v.blsProof)) {
                throw new IllegalArgumentException("BLS proof of possession of validator " + v.id + " does not verify");
            }
            total = Math.addExact(total, v.stake);
        }
        this.validators = List.copyOf(list);
        this.indexById = Map.copyOf(index);
        this.totalStake = total;
        this.encoding = encode();
        this.hash = sha256(encoding);
    }

    public MlDsaParams mlDsaParams() {
        return mlDsaParams;
    }

    public int size() {
        return validators.size();
    }

    public Validator get(int index) {
        return validators.get(index);
    }

    public List<Validator> validators() {
        return validators;
    }

    /** Index of the validator with this id, or -1. */
    public int indexOf(Id id) {
        Integer i = indexById.get(id);
        return i == null ? -1 : i;
    }

    public long totalStake() {
        return totalStake;
    }

    /** Whether {@code stake} is more than 2/3 of the total stake. */
    public boolean isQuorum(long stake) {
        return stake >= quorumStake();
    }

    /**
     * The least stake that is more than 2/3 of the total: the smallest s with 3s > 2T. Writing T = 3q + r
     * (0 <= r < 3), 3s > 6q + 2r exactly when s >= 2q + floor(2r / 3) + 1; no intermediate value exceeds T.
     */
    public long quorumStake() {
        long q = totalStake / 3;
        long r = totalStake % 3;
        return 2 * q + (2 * r) / 3 + 1;
    }

    /** SHA-256 of {@link #toBytes()}: what certificates name to bind themselves to this set. */
    public byte[] hash() {
        return hash.clone();
    }

    /**
     * The canonical encoding: "LQVS", version 1, ML-DSA parameter set, count, then per validator id (32),
     * stake (8, big-endian), BLS key (48), BLS proof (96), ML-DSA key.
     */
    public byte[] toBytes() {
        return encoding.clone();
    }

    private byte[] encode() {
        int per = Id.LENGTH + Long.BYTES + BlsPublicKey.BYTES + BlsSignature.BYTES + mlDsaParams.publicKeyBytes();
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 2 + Integer.BYTES + per * validators.size());
        out.put(MAGIC).put(VERSION).put(mlDsaCode(mlDsaParams)).putInt(validators.size());
        for (Validator v : validators) {
            out.put(v.id.bytes()).putLong(v.stake).put(v.blsKey.toBytes()).put(v.blsProof.toBytes()).put(v.mlDsaKey);
        }
        return out.array();
    }

    /**
     * Decodes and re-checks an encoding made by {@link #toBytes()}.
     *
     * @throws IllegalArgumentException if the bytes are truncated, oversized, of another version or hold an
     *     invalid key or proof; the message says which
     */
    public static ValidatorSet fromBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes must not be null");
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IllegalArgumentException("not a validator set encoding (bad magic)");
            }
            byte version = in.get();
            if (version != VERSION) {
                throw new IllegalArgumentException("unsupported validator set version " + version + " (this build reads " + VERSION + ")");
            }
            MlDsaParams params = mlDsaParams(in.get());
            int count = in.getInt();
            int per = Id.LENGTH + Long.BYTES + BlsPublicKey.BYTES + BlsSignature.BYTES + params.publicKeyBytes();
            if (count < 1 || count > MAX_VALIDATORS || (long) count * per != in.remaining()) {
                throw new IllegalArgumentException("validator set claims " + count + " validators but has " + in.remaining()
                        + " bytes of them (" + per + " each)");
            }
            List<Validator> list = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                Id id = Id.of(take(in, Id.LENGTH));
                long stake = in.getLong();
                BlsPublicKey key = BlsPublicKey.fromBytes(take(in, BlsPublicKey.BYTES));
                BlsSignature proof = BlsSignature.fromBytes(take(in, BlsSignature.BYTES));
                list.add(new Validator(id, stake, key, proof, take(in, params.publicKeyBytes())));
            }
            return new ValidatorSet(params, list);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("validator set encoding is truncated (" + bytes.length + " bytes)", e);
        }
    }

    static byte[] take(ByteBuffer in, int n) {
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    static byte mlDsaCode(MlDsaParams params) {
        return switch (params) {
            case ML_DSA_44 -> 44;
            case ML_DSA_65 -> 65;
            case ML_DSA_87 -> 87;
        };
    }

    static MlDsaParams mlDsaParams(byte code) {
        return switch (code) {
            case 44 -> MlDsaParams.ML_DSA_44;
            case 65 -> MlDsaParams.ML_DSA_65;
            case 87 -> MlDsaParams.ML_DSA_87;
            default -> throw new IllegalArgumentException("unknown ML-DSA parameter set code " + code);
        };
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "ValidatorSet{" + validators.size() + " validators, total stake " + totalStake + ", " + mlDsaParams + "}";
    }
}
