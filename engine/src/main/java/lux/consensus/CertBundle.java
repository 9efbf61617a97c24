package lux.consensus;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import lux.consensus.cert.CertMessage;
import lux.consensus.kernels.Kernels;
import lux.consensus.kernels.bls.Bls;
import lux.consensus.kernels.bls.BlsPublicKey;
import lux.consensus.kernels.bls.BlsSignature;
import lux.consensus.kernels.mldsa.MlDsaParams;

/**
 * The quantum-finality certificate of a batch of blocks finalized together: the signed message (naming the
 * chain, the validator set and the blocks), the signer set as a bitmap over the validator set, the BLS12-381
 * aggregate of the signers' signatures, and each signer's ML-DSA signature (in signer order). Immutable.
 *
 * <p>It is valid for a {@link ValidatorSet} when the message is bound to that set, the signers hold more
 * than 2/3 of its stake, the BLS aggregate verifies against the signers' keys (one fast-aggregate-verify)
 * and every ML-DSA signature verifies (one batch call). Anyone with the validator set's encoding can check
 * it offline from {@link #toBytes()}.
 */
public final class CertBundle {
    private static final byte[] MAGIC = {'L', 'Q', 'F', 'C'};
    private static final byte VERSION = 1;
    private static final int MAX_MESSAGE_BYTES = 1 + 64 + 32 + 32 + 4 + 40 * CertMessage.MAX_BLOCKS;

    private final byte[] message;
    private final CertMessage parsed;
    private final int validatorCount;
    private final BitSet signers;
    private final byte[] blsAggregate;
    private final MlDsaParams mlDsaParams;
    private final List<byte[]> mlDsaSignatures;

    private CertBundle(byte[] message, int validatorCount, BitSet signers, byte[] blsAggregate, MlDsaParams mlDsaParams,
            List<byte[]> mlDsaSignatures) {
        this.message = message;
        this.parsed = CertMessage.parse(message);
        if (validatorCount < 1 || validatorCount > ValidatorSet.MAX_VALIDATORS) {
            throw new IllegalArgumentException("validator count must be 1.." + ValidatorSet.MAX_VALIDATORS + ", got " + validatorCount);
        }
        if (signers.length() > validatorCount) {
            throw new IllegalArgumentException("signer bitmap names validator index " + (signers.length() - 1)
                    + ", beyond the " + validatorCount + " validators of the set");
        }
        if (blsAggregate.length != BlsSignature.BYTES) {
            throw new IllegalArgumentException("BLS aggregate must be " + BlsSignature.BYTES + " bytes, got " + blsAggregate.length);
        }
        if (mlDsaSignatures.size() != signers.cardinality()) {
            throw new IllegalArgumentException("the bitmap names " + signers.cardinality() + " signers but there are "
                    + mlDsaSignatures.size() + " ML-DSA signatures");
        }
        for (int i = 0; i < mlDsaSignatures.size(); i++) {
            if (mlDsaSignatures.get(i).length != mlDsaParams.signatureBytes()) {
                throw new IllegalArgumentException("ML-DSA signature " + i + " must be " + mlDsaParams.signatureBytes()
                        + " bytes for " + mlDsaParams + ", got " + mlDsaSignatures.get(i).length);
            }
        }
        this.validatorCount = validatorCount;
        this.signers = signers;
        this.blsAggregate = blsAggregate;
        this.mlDsaParams = mlDsaParams;
        this.mlDsaSignatures = mlDsaSignatures;
    }

    /**
     * Assembles a certificate (copies everything).
     *
     * @param signers validator indices of the signers, in any order, each once
     * @param mlDsaSignatures the signers' ML-DSA signatures, in increasing validator index order
     * @throws IllegalArgumentException if the parts are inconsistent (see {@link #fromBytes})
     */
    public static CertBundle of(byte[] message, int validatorCount, int[] signers, byte[] blsAggregate, MlDsaParams mlDsaParams,
            List<byte[]> mlDsaSignatures) {
        BitSet bits = new BitSet(validatorCount);
        for (int s : signers) {
            if (s < 0 || bits.get(s)) {
                throw new IllegalArgumentException("signer index " + s + " is negative or appears twice");
            }
            bits.set(s);
        }
        List<byte[]> sigs = new ArrayList<>(mlDsaSignatures.size());
        for (byte[] sig : mlDsaSignatures) {
            sigs.add(Objects.requireNonNull(sig, "ML-DSA signature must not be null").clone());
        }
        return new CertBundle(Objects.requireNonNull(message, "message").clone(), validatorCount, bits,
                Objects.requireNonNull(blsAggregate, "blsAggregate").clone(), Objects.requireNonNull(mlDsaParams, "mlDsaParams"),
                List.copyOf(sigs));
    }

    /** A copy of the signed message. */
    public byte[] message() {
        return message.clone();
    }

    /** The signed message, parsed: chain, validator set hash, blocks. */
    public CertMessage certMessage() {
        return parsed;
    }

    /** Whether this certificate names the block {@code id} at {@code height}. */
    public boolean names(Id id, long height) {
        return parsed.names(id, height);
    }

    /** Size of the validator set the signer bitmap ranges over. */
    public int validatorCount() {
        return validatorCount;
    }

    /** Validator indices of the signers, increasing. */
    public int[] signers() {
        return signers.stream().toArray();
    }

    public int signerCount() {
        return signers.cardinality();
    }

    /** A copy of the 96-byte BLS aggregate signature. */
    public byte[] blsAggregate() {
        return blsAggregate.clone();
    }

    public MlDsaParams mlDsaParams() {
        return mlDsaParams;
    }

    /** Copies of the signers' ML-DSA signatures, in signer order. */
    public List<byte[]> mlDsaSignatures() {
        List<byte[]> copies = new ArrayList<>(mlDsaSignatures.size());
        mlDsaSignatures.forEach(s -> copies.add(s.clone()));
        return copies;
    }

    /** Whether the certificate is valid for {@code set} (see the class comment). */
    public boolean verify(ValidatorSet set) {
        return problem(set).isEmpty();
    }

    /** Why the certificate is not valid for {@code set}, or empty when it is. */
    public Optional<String> problem(ValidatorSet set) {
        Optional<String> structural = structuralProblem(set);
        if (structural.isPresent()) {
            return structural;
        }
        BlsSignature aggregate = blsSignature();
        if (aggregate == null || !Bls.fastAggregateVerify(signerBlsKeys(set), message, aggregate)) {
            return Optional.of("the BLS aggregate signature does not verify for the " + signerCount() + " signers");
        }
        int[] who = signers();
        boolean[] ok = Kernels.mlDsaVerifier().verify(mlDsaParams, signerMlDsaKeys(set), repeat(message, who.length),
                mlDsaSignatures.toArray(new byte[0][]));
        for (int i = 0; i < ok.length; i++) {
            if (!ok[i]) {
                return Optional.of("the ML-DSA signature of validator " + set.get(who[i]).id() + " (index " + who[i] + ") does not verify");
            }
        }
        return Optional.empty();
    }

    /**
     * Verifies many certificates for one validator set: structure and quorum of each, then the BLS aggregates
     * of all of them in one random-scalar batch ({@link Bls#batchVerify}, falling back to one check per
     * certificate only if the batch fails), then every ML-DSA signature of every certificate in one batch call.
     *
     * @return per certificate, whether it is valid
     */
    public static boolean[] verifyAll(List<CertBundle> certificates, ValidatorSet set) {
        int n = certificates.size();
        boolean[] valid = new boolean[n];
        List<Integer> candidates = new ArrayList<>(n);
        List<BlsPublicKey> aggregateKeys = new ArrayList<>(n);
        List<byte[]> messages = new ArrayList<>(n);
        List<BlsSignature> aggregates = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            CertBundle c = Objects.requireNonNull(certificates.get(i), "certificate " + i + " must not be null");
            BlsSignature aggregate = c.blsSignature();
            if (aggregate == null || c.structuralProblem(set).isPresent()) {
                continue;
            }
            try {
                aggregateKeys.add(Bls.aggregatePublicKeys(c.signerBlsKeys(set)));
            } catch (IllegalArgumentException e) {
                continue; // the signers' keys sum to the identity: cannot verify
            }
            candidates.add(i);
            messages.add(c.message);
            aggregates.add(aggregate);
        }
        boolean allBls = !candidates.isEmpty() && Bls.batchVerify(aggregateKeys, messages, aggregates);
        for (int j = 0; j < candidates.size(); j++) {
            valid[candidates.get(j)] = allBls || Bls.verify(aggregateKeys.get(j), messages.get(j), aggregates.get(j));
        }
        verifyMlDsaTogether(certificates, set, valid);
        return valid;
    }

    /** Clears {@code valid[i]} for each certificate with an ML-DSA signature that fails; one batch call for all. */
    private static void verifyMlDsaTogether(List<CertBundle> certificates, ValidatorSet set, boolean[] valid) {
        int total = 0;
        for (int i = 0; i < valid.length; i++) {
            total += valid[i] ? certificates.get(i).signerCount() : 0;
        }
        byte[][] keys = new byte[total][];
        byte[][] messages = new byte[total][];
        byte[][] signatures = new byte[total][];
        int k = 0;
        for (int i = 0; i < valid.length; i++) {
            if (!valid[i]) {
                continue;
            }
            CertBundle c = certificates.get(i);
            byte[][] signerKeys = c.signerMlDsaKeys(set);
            for (int s = 0; s < signerKeys.length; s++, k++) {
                keys[k] = signerKeys[s];
                messages[k] = c.message;
                signatures[k] = c.mlDsaSignatures.get(s);
            }
        }
        boolean[] ok = Kernels.mlDsaVerifier().verify(set.mlDsaParams(), keys, messages, signatures);
        k = 0;
        for (int i = 0; i < valid.length; i++) {
            if (!valid[i]) {
                continue;
            }
            int signers = certificates.get(i).signerCount();
            for (int s = 0; s < signers; s++, k++) {
                valid[i] &= ok[k];
            }
        }
    }

    /**
     * Per block: whether it carries a certificate that names it and is valid for {@code set}. Blocks finalized
     * together share a certificate, which is verified once.
     */
    static boolean[] verifyBlocks(List<Block> blocks, ValidatorSet set) {
        java.util.IdentityHashMap<CertBundle, Integer> index = new java.util.IdentityHashMap<>();
        List<CertBundle> distinct = new ArrayList<>();
        for (Block b : blocks) {
            CertBundle c = Objects.requireNonNull(b, "blocks must not contain null").certs();
            if (c != null && !index.containsKey(c)) {
                index.put(c, distinct.size());
                distinct.add(c);
            }
        }
        boolean[] certValid = verifyAll(distinct, set);
        boolean[] result = new boolean[blocks.size()];
        for (int i = 0; i < result.length; i++) {
            Block b = blocks.get(i);
            CertBundle c = b.certs();
            result[i] = c != null && c.names(b.id(), b.height()) && certValid[index.get(c)];
        }
        return result;
    }

    /** Everything but the signatures themselves: set binding, sizes, quorum. */
    Optional<String> structuralProblem(ValidatorSet set) {
        Objects.requireNonNull(set, "validator set must not be null");
        if (validatorCount != set.size()) {
            return Optional.of("the signer bitmap covers " + validatorCount + " validators but the set has " + set.size());
        }
        if (!parsed.boundTo(set.hash())) {
            return Optional.of("the certificate is bound to another validator set");
        }
        if (mlDsaParams != set.mlDsaParams()) {
            return Optional.of("the certificate uses " + mlDsaParams + " but the set's keys are " + set.mlDsaParams());
        }
        long stake = 0;
        for (int i = signers.nextSetBit(0); i >= 0; i = signers.nextSetBit(i + 1)) {
            stake += set.get(i).stake();
        }
        if (!set.isQuorum(stake)) {
            return Optional.of("the " + signerCount() + " signers hold stake " + stake + " of " + set.totalStake()
                    + ", not more than 2/3 (at least " + set.quorumStake() + " needed)");
        }
        return Optional.empty();
    }

    List<BlsPublicKey> signerBlsKeys(ValidatorSet set) {
        List<BlsPublicKey> keys = new ArrayList<>(signerCount());
        for (int i = signers.nextSetBit(0); i >= 0; i = signers.nextSetBit(i + 1)) {
            keys.add(set.get(i).blsKey());
        }
        return keys;
    }

    byte[][] signerMlDsaKeys(ValidatorSet set) {
        byte[][] keys = new byte[signerCount()][];
        int k = 0;
        for (int i = signers.nextSetBit(0); i >= 0; i = signers.nextSetBit(i + 1)) {
            keys[k++] = set.get(i).mlDsaKeyUnsafe();
        }
        return keys;
    }

    /** The aggregate as a signature, or null if it does not decode (then it cannot verify). */
    BlsSignature blsSignature() {
        try {
            return BlsSignature.fromBytes(blsAggregate);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static byte[][] repeat(byte[] message, int n) {
        byte[][] out = new byte[n][];
        Arrays.fill(out, message);
        return out;
    }

    /**
     * The canonical encoding: "LQFC", version 1, message length (4) and message, validator count (4), signer
     * bitmap (ceil(count/8) bytes, bit i of byte i/8 least significant first, unused bits zero), BLS
     * aggregate (96), ML-DSA parameter set (1: 44, 65 or 87), signer count (4), then the ML-DSA signatures.
     */
    public byte[] toBytes() {
        byte[] bitmap = Arrays.copyOf(signers.toByteArray(), (validatorCount + 7) / 8);
        int sigBytes = mlDsaSignatures.size() * mlDsaParams.signatureBytes();
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 1 + 4 + message.length + 4 + bitmap.length + BlsSignature.BYTES + 1 + 4 + sigBytes);
        out.put(MAGIC).put(VERSION).putInt(message.length).put(message).putInt(validatorCount).put(bitmap).put(blsAggregate)
                .put(ValidatorSet.mlDsaCode(mlDsaParams)).putInt(mlDsaSignatures.size());
        mlDsaSignatures.forEach(out::put);
        return out.array();
    }

    /**
     * Decodes {@link #toBytes()}. Checks the structure only; call {@link #verify} to check the signatures.
     *
     * @throws IllegalArgumentException if the bytes are truncated, have trailing bytes, another version, a
     *     malformed message, bitmap bits beyond the validator count, or a signer count that disagrees with the
     *     bitmap; the message says which
     */
    public static CertBundle fromBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes must not be null");
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            byte[] magic = ValidatorSet.take(in, MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IllegalArgumentException("not a certificate encoding (bad magic)");
            }
            byte version = in.get();
            if (version != VERSION) {
                throw new IllegalArgumentException("unsupported certificate version " + version + " (this build reads " + VERSION + ")");
            }
            int messageLength = in.getInt();
            if (messageLength < 0 || messageLength > MAX_MESSAGE_BYTES || messageLength > in.remaining()) {
                throw new IllegalArgumentException("certificate message length " + messageLength + " is out of range ("
                        + in.remaining() + " bytes left)");
            }
            byte[] message = ValidatorSet.take(in, messageLength);
            int validatorCount = in.getInt();
            if (validatorCount < 1 || validatorCount > ValidatorSet.MAX_VALIDATORS) {
                throw new IllegalArgumentException("certificate validator count " + validatorCount + " is out of range");
            }
            BitSet signers = BitSet.valueOf(ValidatorSet.take(in, (validatorCount + 7) / 8));
            byte[] aggregate = ValidatorSet.take(in, BlsSignature.BYTES);
            MlDsaParams params = ValidatorSet.mlDsaParams(in.get());
            int count = in.getInt();
            if (count != signers.cardinality() || (long) count * params.signatureBytes() != in.remaining()) {
                throw new IllegalArgumentException("certificate claims " + count + " ML-DSA signatures; the bitmap names "
                        + signers.cardinality() + " signers and " + in.remaining() + " bytes remain ("
                        + params.signatureBytes() + " per signature)");
            }
            List<byte[]> sigs = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                sigs.add(ValidatorSet.take(in, params.signatureBytes()));
            }
            return new CertBundle(message, validatorCount, signers, aggregate, params, List.copyOf(sigs));
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("certificate encoding is truncated (" + bytes.length + " bytes)", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertBundle c && Arrays.equals(toBytes(), c.toBytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toBytes());
    }

    @Override
    public String toString() {
        return "CertBundle{" + parsed.blocks().size() + " blocks, " + signerCount() + "/" + validatorCount + " signers, " + mlDsaParams + "}";
    }
}
