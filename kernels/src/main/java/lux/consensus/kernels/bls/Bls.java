package lux.consensus.kernels.bls;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import supranational.blst.BLST_ERROR;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.Pairing;

/**
 * BLS12-381 signatures, min-pubkey-size variant (public keys in G1, signatures in G2), proof-of-possession
 * ciphersuite {@value #CIPHERSUITE} (draft-irtf-cfrg-bls-signature-05 §4.2.3), through blst.
 *
 * <p>Keys and signatures reach these operations already decoded and checked ({@link BlsPublicKey#fromBytes},
 * {@link BlsSignature#fromBytes}), so verification never decodes or subgroup-checks again and bad encodings
 * are rejected at the edge with an {@link IllegalArgumentException} that names the problem.
 *
 * <p>Conventions for every verify operation here:
 * <ul>
 *   <li>the answer is a boolean and bad data never throws: a {@code null} element of a list, an identity
 *       signature, an empty list, or keys that sum to the identity all give {@code false};</li>
 *   <li>a {@code null} argument that is not a list element ({@code null} list, message or signature argument)
 *       throws {@link NullPointerException}; lists of different lengths throw {@link IllegalArgumentException}
 *       naming the lengths (a caller bug, not bad data);</li>
 *   <li>if blst could not load, every operation throws {@link BlsUnavailableException}.</li>
 * </ul>
 * All operations are static and stateless, so safe to call from any number of threads.
 * (Model: Teku {@code infrastructure/bls} {@code BLS.java}.)
 */
public final class Bls {

    /** The ciphersuite ID, which is also the DST for signatures (§4.2.3). */
    public static final String CIPHERSUITE = "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_";
    /** Domain separation tag for message signatures: the ciphersuite ID. */
    public static final String DST = CIPHERSUITE;
    /** Domain separation tag for proofs of possession (§4.2.3, POP_tag). */
    public static final String POP_DST = "BLS_POP_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_";

    /** Size of each random batch-verification scalar in bytes: soundness error 2^-64 per batch. */
    static final int SCALAR_BYTES = 8;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Bls() {
    }

    /** Whether the native blst library loaded in this JVM. Never throws. */
    public static boolean isAvailable() {
        return BlstLoader.available();
    }

    /**
     * Returns normally if blst loaded.
     *
     * @throws BlsUnavailableException naming the os/arch and the loader's error
     */
    public static void ensureAvailable() {
        BlstLoader.ensureLoaded();
    }

    /**
     * Verify (§3.3, = CoreVerify §2.7 with {@link #DST}): whether {@code signature} is {@code publicKey}'s
     * signature on {@code message}.
     *
     * @return false for a wrong signature, and for the identity signature
     * @throws NullPointerException if an argument is null
     */
    public static boolean verify(BlsPublicKey publicKey, byte[] message, BlsSignature signature) {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(signature, "signature");
        return coreVerify(publicKey.point(), message, signature, DST);
    }

    /**
     * PopVerify (§3.3.3): whether {@code proof} proves possession of {@code publicKey}'s secret key, i.e. is a
     * signature on the 48-byte compressed key under {@link #POP_DST}. Check it once when a key is registered;
     * {@link #fastAggregateVerify} is only safe over keys whose proofs were checked.
     *
     * @throws NullPointerException if an argument is null
     */
    public static boolean popVerify(BlsPublicKey publicKey, BlsSignature proof) {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(proof, "proof");
        return coreVerify(publicKey.point(), publicKey.toBytes(), proof, POP_DST);
    }

    /**
     * Aggregate (§2.8): the sum of the signatures. The identity is a legal input and a possible output.
     *
     * @throws NullPointerException     if the list or an element is null
     * @throws IllegalArgumentException if the list is empty (the draft defines Aggregate for n >= 1)
     */
    public static BlsSignature aggregate(List<BlsSignature> signatures) {
        Objects.requireNonNull(signatures, "signatures");
        BlstLoader.ensureLoaded();
        if (signatures.isEmpty()) {
            throw new IllegalArgumentException("cannot aggregate zero signatures");
        }
        P2 sum = new P2(Objects.requireNonNull(signatures.get(0), "signatures[0]").point());
        for (int i = 1; i < signatures.size(); i++) {
            sum.add(Objects.requireNonNull(signatures.get(i), "signatures[" + i + "]").point());
        }
        return BlsSignature.ofValidPoint(sum.to_affine());
    }

    /**
     * The sum of the public keys, for callers that reuse one aggregate key for many verifications (the key
     * {@link #fastAggregateVerify} builds internally). The keys should have proved possession.
     *
     * @throws NullPointerException     if the list or an element is null
     * @throws IllegalArgumentException if the list is empty, or the keys sum to the identity (which is not a
     *                                  valid public key)
     */
    public static BlsPublicKey aggregatePublicKeys(List<BlsPublicKey> publicKeys) {
        Objects.requireNonNull(publicKeys, "publicKeys");
        BlstLoader.ensureLoaded();
        if (publicKeys.isEmpty()) {
            throw new IllegalArgumentException("cannot aggregate zero public keys");
        }
        P1 sum = new P1(Objects.requireNonNull(publicKeys.get(0), "publicKeys[0]").point());
        for (int i = 1; i < publicKeys.size(); i++) {
            sum.add(Objects.requireNonNull(publicKeys.get(i), "publicKeys[" + i + "]").point());
        }
        if (sum.is_inf()) {
            throw new IllegalArgumentException("the " + publicKeys.size() + " public keys sum to the identity,"
                    + " which is not a valid public key");
        }
        return BlsPublicKey.ofValidPoint(sum.to_affine());
    }

    /**
     * FastAggregateVerify (§3.3.4): whether {@code signature} is the aggregate of every key's signature on
     * the same {@code message}. Costs one key summation and one two-pairing verify. Sound only over keys whose
     * proofs of possession were checked ({@link #popVerify}); otherwise a rogue key can forge.
     *
     * @return false if the list is empty or holds a null, the keys sum to the identity, the signature is the
     *         identity, or it does not verify
     * @throws NullPointerException if {@code publicKeys}, {@code message} or {@code signature} is null
     */
    public static boolean fastAggregateVerify(List<BlsPublicKey> publicKeys, byte[] message, BlsSignature signature) {
        Objects.requireNonNull(publicKeys, "publicKeys");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(signature, "signature");
        BlstLoader.ensureLoaded();
        if (publicKeys.isEmpty() || publicKeys.get(0) == null) {
            return false;
        }
        P1 sum = new P1(publicKeys.get(0).point());
        for (int i = 1; i < publicKeys.size(); i++) {
            BlsPublicKey key = publicKeys.get(i);
            if (key == null) {
                return false;
            }
            sum.add(key.point());
        }
        if (sum.is_inf()) {
            return false;
        }
        return coreVerify(sum.to_affine(), message, signature, DST);
    }

    /**
     * AggregateVerify of the POP scheme (§3.3, = CoreAggregateVerify §2.9): whether {@code signature} is the
     * aggregate of {@code publicKeys[i]}'s signature on {@code messages[i]}, for all i. Meant for signers of
     * distinct messages (for one shared message {@link #fastAggregateVerify} is far cheaper); under
     * proof of possession the messages need not be distinct, so repeats are not rejected.
     *
     * @return false if the lists are empty or hold a null, the signature is the identity, or it does not
     *         verify
     * @throws NullPointerException     if a list or {@code signature} is null
     * @throws IllegalArgumentException if the lists differ in length
     */
    public static boolean aggregateVerify(List<BlsPublicKey> publicKeys, List<byte[]> messages,
            BlsSignature signature) {
        return coreAggregateVerify(publicKeys, messages, signature, DST);
    }

    /**
     * Verifies many independent (key, message, signature) triples at once: true only if every
     * {@code verify(publicKeys[i], messages[i], signatures[i])} is true. Each triple is weighted by a fresh
     * random nonzero 64-bit scalar (blst {@code Pairing.mul_n_aggregate}), so invalid signatures cannot
     * cancel each other out except with probability about 2^-64, and the whole batch costs one final
     * exponentiation and n + 1 Miller loops instead of 2n pairings.
     *
     * <p><b>A false answer means "at least one triple is invalid"</b>, not which; {@link #verifyEach} finds
     * out. An empty batch answers false, like AggregateVerify with n = 0: there is nothing to accept.
     *
     * @return false if the lists are empty, hold a null, a signature is the identity, or any triple is invalid
     * @throws NullPointerException     if a list is null
     * @throws IllegalArgumentException if the lists differ in length
     */
    public static boolean batchVerify(List<BlsPublicKey> publicKeys, List<byte[]> messages,
            List<BlsSignature> signatures) {
        checkBatch(publicKeys, messages, signatures);
        return !publicKeys.isEmpty() && batch(publicKeys, messages, signatures, 0, publicKeys.size());
    }

    /**
     * Which triples verify: {@code result[i] == verify(publicKeys[i], messages[i], signatures[i])}, with a
     * null element or an identity signature giving false. Bisects with {@link #batchVerify}'s check: one batch
     * when all are valid, about log2(n) more batches per invalid triple, single verifies at the leaves.
     * Use it after {@link #batchVerify} said false, to tell who signed wrongly.
     *
     * @throws NullPointerException     if a list is null
     * @throws IllegalArgumentException if the lists differ in length
     */
    public static boolean[] verifyEach(List<BlsPublicKey> publicKeys, List<byte[]> messages,
            List<BlsSignature> signatures) {
        checkBatch(publicKeys, messages, signatures);
        boolean[] valid = new boolean[publicKeys.size()];
        bisect(publicKeys, messages, signatures, 0, valid.length, false, valid);
        return valid;
    }

    /**
     * CoreAggregateVerify (§2.9) under any DST. Package-private: the public API fixes the DST to the POP
     * ciphersuite; tests use this for vectors of other ciphersuites.
     */
    static boolean coreAggregateVerify(List<BlsPublicKey> publicKeys, List<byte[]> messages, BlsSignature signature,
            String dst) {
        Objects.requireNonNull(publicKeys, "publicKeys");
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(signature, "signature");
        if (publicKeys.size() != messages.size()) {
            throw new IllegalArgumentException("publicKeys and messages must have the same length, got "
                    + publicKeys.size() + " and " + messages.size());
        }
        BlstLoader.ensureLoaded();
        if (publicKeys.isEmpty() || signature.isInfinity()) {
            return false;
        }
        Pairing pairing = new Pairing(true, dst);
        for (int i = 0; i < publicKeys.size(); i++) {
            BlsPublicKey key = publicKeys.get(i);
            byte[] message = messages.get(i);
            if (key == null || message == null) {
                return false;
            }
            // The signature enters the product once, with the first pair.
            if (pairing.aggregate(key.point(), i == 0 ? signature.point() : null, message) != BLST_ERROR.BLST_SUCCESS) {
                return false;
            }
        }
        pairing.commit();
        return pairing.finalverify();
    }

    /** CoreVerify (§2.7) of a checked key and signature under {@code dst}; false for the identity signature. */
    private static boolean coreVerify(P1_Affine key, byte[] message, BlsSignature signature, String dst) {
        BlstLoader.ensureLoaded();
        if (signature.isInfinity()) {
            return false;
        }
        return signature.point().core_verify(key, true, message, dst) == BLST_ERROR.BLST_SUCCESS;
    }

    private static void checkBatch(List<BlsPublicKey> publicKeys, List<byte[]> messages,
            List<BlsSignature> signatures) {
        Objects.requireNonNull(publicKeys, "publicKeys");
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(signatures, "signatures");
        if (publicKeys.size() != messages.size() || publicKeys.size() != signatures.size()) {
            throw new IllegalArgumentException("publicKeys, messages and signatures must have the same length, got "
                    + publicKeys.size() + ", " + messages.size() + " and " + signatures.size());
        }
        BlstLoader.ensureLoaded();
    }

    /**
     * The random-scalar batch check of triples {@code [from, to)}: the product over i of
     * e(r_i * pk_i, H(m_i)) * e(-G1, r_i * sig_i) must be 1. False for a null element or identity signature.
     */
    private static boolean batch(List<BlsPublicKey> publicKeys, List<byte[]> messages, List<BlsSignature> signatures,
            int from, int to) {
        byte[] scalars = new byte[(to - from) * SCALAR_BYTES];
        RANDOM.nextBytes(scalars);
        Pairing pairing = new Pairing(true, DST);
        for (int i = from; i < to; i++) {
            BlsPublicKey key = publicKeys.get(i);
            byte[] message = messages.get(i);
            BlsSignature signature = signatures.get(i);
            if (key == null || message == null || signature == null || signature.isInfinity()) {
                return false;
            }
            int at = (i - from) * SCALAR_BYTES;
            BigInteger scalar = new BigInteger(1, Arrays.copyOfRange(scalars, at, at + SCALAR_BYTES));
            if (scalar.signum() == 0) {
                scalar = BigInteger.ONE; // a zero weight would drop the triple from the check
            }
            if (pairing.mul_n_aggregate(key.point(), signature.point(), scalar, message) != BLST_ERROR.BLST_SUCCESS) {
                return false;
            }
        }
        pairing.commit();
        return pairing.finalverify();
    }

    /**
     * Fills {@code valid[from, to)}. {@code knownInvalid}: the caller already saw this range fail as a whole,
     * so checking it again would waste a batch.
     */
    private static void bisect(List<BlsPublicKey> publicKeys, List<byte[]> messages, List<BlsSignature> signatures,
            int from, int to, boolean knownInvalid, boolean[] valid) {
        if (to - from == 0) {
            return;
        }
        if (to - from == 1) {
            BlsPublicKey key = publicKeys.get(from);
            byte[] message = messages.get(from);
            BlsSignature signature = signatures.get(from);
            valid[from] = !knownInvalid && key != null && message != null && signature != null
                    && verify(key, message, signature);
            return;
        }
        if (!knownInvalid && batch(publicKeys, messages, signatures, from, to)) {
            Arrays.fill(valid, from, to, true);
            return;
        }
        int mid = (from + to) >>> 1;
        boolean leftValid = batch(publicKeys, messages, signatures, from, mid);
        if (leftValid) {
            Arrays.fill(valid, from, mid, true);
            bisect(publicKeys, messages, signatures, mid, to, true, valid); // the failure is on the right
        } else {
            bisect(publicKeys, messages, signatures, from, mid, true, valid);
            bisect(publicKeys, messages, signatures, mid, to, false, valid);
        }
    }
}
