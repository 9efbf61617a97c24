package lux.consensus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lux.consensus.cert.CertMessage;
import lux.consensus.cert.Certifier;
import lux.consensus.cert.SignatureRound;
import lux.consensus.cert.ValidatorKeys;
import lux.consensus.kernels.bls.BlsPublicKey;
import lux.consensus.kernels.mldsa.MlDsa;
import lux.consensus.kernels.mldsa.MlDsaParams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Certificates: assembly, encoding, offline verification, and every way a bad one must fail with a reason. */
class CertBundleTest {
    private static final int N = 7;
    private static final MlDsaParams PARAMS = MlDsaParams.ML_DSA_44;
    private static List<Id> ids;
    private static ValidatorKeys[] keys;
    private static ValidatorSet set;
    private static final Id BLOCK = Id.ofLong(77);

    @BeforeAll
    static void keys() {
        ids = new ArrayList<>();
        keys = new ValidatorKeys[N];
        List<ValidatorSet.Validator> members = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            ids.add(Id.ofLong(1000 + i));
            keys[i] = ValidatorKeys.derive(9, ids.get(i), PARAMS);
            members.add(keys[i].publicPart(ids.get(i), 10));
        }
        set = ValidatorSet.of(PARAMS, members);
    }

    private static byte[] message(Id chain, Id block, long height) {
        return new CertMessage(chain, set.hash(), List.of(new CertMessage.BlockRef(block, height))).toBytes();
    }

    /** Answers from validators [0, signers): honest signatures; the rest silent. */
    private static SignatureRound answers(byte[] message, int signers) {
        byte[][] bls = new byte[N][];
        byte[][] mlDsa = new byte[N][];
        for (int i = 0; i < signers; i++) {
            bls[i] = keys[i].bls().sign(message).toBytes();
            mlDsa[i] = MlDsa.sign(keys[i].mlDsa(), message);
        }
        return new SignatureRound(bls, mlDsa);
    }

    private static CertBundle certificate(int signers) {
        byte[] m = message(Id.ofLong(1), BLOCK, 5);
        return new Certifier(set).certify(m, answers(m, signers)).certificate().orElseThrow();
    }

    @Test
    void aQuorumCertificateVerifiesAndRoundTripsThroughBytes() {
        CertBundle c = certificate(5); // 50 of 70 stake > 2/3
        assertEquals(java.util.Optional.empty(), c.problem(set));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, c.signers());
        CertBundle copy = CertBundle.fromBytes(c.toBytes());
        assertEquals(c, copy);
        assertTrue(copy.verify(ValidatorSet.fromBytes(set.toBytes())), "verifiable offline from bytes alone");
        assertTrue(copy.names(BLOCK, 5));
        assertFalse(copy.names(BLOCK, 6));
    }

    @Test
    void belowQuorumNoCertificateIsMade() {
        byte[] m = message(Id.ofLong(1), BLOCK, 5);
        Certifier.Outcome outcome = new Certifier(set).certify(m, answers(m, 4)); // 40 of 70: not > 2/3
        assertTrue(outcome.certificate().isEmpty());
        assertTrue(outcome.reason().contains("more than 2/3"), outcome.reason());
    }

    @Test
    void faultySignersAreLeftOut() {
        byte[] m = message(Id.ofLong(1), BLOCK, 5);
        SignatureRound a = answers(m, N);
        a.bls()[1] = keys[1].bls().sign("another message".getBytes()).toBytes(); // wrong BLS
        a.mlDsa()[2][10] ^= 1; // wrong ML-DSA
        a.bls()[3] = new byte[5]; // malformed
        Certifier.Outcome outcome = new Certifier(set).certify(m, a);
        assertEquals(4, outcome.validSigners());
        assertTrue(outcome.certificate().isEmpty(), "40 of 70 stake is no quorum");
        a = answers(m, N);
        a.bls()[1] = keys[1].bls().sign("another message".getBytes()).toBytes();
        CertBundle c = new Certifier(set).certify(m, a).certificate().orElseThrow();
        assertArrayEquals(new int[] {0, 2, 3, 4, 5, 6}, c.signers());
        assertTrue(c.verify(set));
    }

    private static CertBundle rebuilt(CertBundle c, byte[] message, int[] signers, byte[] aggregate, List<byte[]> mlDsa) {
        return CertBundle.of(message, N, signers, aggregate, PARAMS, mlDsa);
    }

    @Test
    void tamperedBlsAggregateFails() {
        CertBundle c = certificate(5);
        byte[] other = certificate(6).blsAggregate();
        CertBundle bad = rebuilt(c, c.message(), c.signers(), other, c.mlDsaSignatures());
        assertTrue(bad.problem(set).orElseThrow().contains("BLS aggregate"), bad.problem(set).toString());
        byte[] flipped = c.blsAggregate();
        flipped[40] ^= 1;
        assertFalse(rebuilt(c, c.message(), c.signers(), flipped, c.mlDsaSignatures()).verify(set));
    }

    @Test
    void infinityAsSignatureFails() {
        CertBundle c = certificate(5);
        byte[] infinity = new byte[96];
        infinity[0] = (byte) 0xC0; // compressed point at infinity
        assertFalse(rebuilt(c, c.message(), c.signers(), infinity, c.mlDsaSignatures()).verify(set));
    }

    @Test
    void infinityAsKeyIsRefusedAtRegistration() {
        byte[] infinity = new byte[48];
        infinity[0] = (byte) 0xC0;
        var e = assertThrows(IllegalArgumentException.class, () -> BlsPublicKey.fromBytes(infinity));
        assertTrue(e.getMessage().contains("infinity"), e.getMessage());
    }

    @Test
    void oneTamperedMlDsaSignatureFailsNamingTheValidator() {
        CertBundle c = certificate(5);
        List<byte[]> sigs = c.mlDsaSignatures();
        sigs.get(3)[100] ^= 1;
        CertBundle bad = rebuilt(c, c.message(), c.signers(), c.blsAggregate(), sigs);
        String problem = bad.problem(set).orElseThrow();
        assertTrue(problem.contains("ML-DSA") && problem.contains(ids.get(3).toHex()), problem);
    }

    @Test
    void signerSetBelowQuorumFails() {
        CertBundle c = certificate(5);
        List<byte[]> four = c.mlDsaSignatures().subList(0, 4);
        CertBundle bad = rebuilt(c, c.message(), new int[] {0, 1, 2, 3}, c.blsAggregate(), four);
        assertTrue(bad.problem(set).orElseThrow().contains("not more than 2/3"), bad.problem(set).toString());
    }

    @Test
    void duplicateOrUnknownSignersCannotBeExpressed() {
        CertBundle c = certificate(5);
        var dup = assertThrows(IllegalArgumentException.class,
                () -> CertBundle.of(c.message(), N, new int[] {0, 1, 2, 3, 3}, c.blsAggregate(), PARAMS, c.mlDsaSignatures()));
        assertTrue(dup.getMessage().contains("twice"), dup.getMessage());
        var unknown = assertThrows(IllegalArgumentException.class,
                () -> CertBundle.of(c.message(), N, new int[] {0, 1, 2, 3, 9}, c.blsAggregate(), PARAMS, c.mlDsaSignatures()));
        assertTrue(unknown.getMessage().contains("beyond"), unknown.getMessage());
        // In bytes: a bitmap bit past the validator count.
        byte[] bytes = c.toBytes();
        int bitmapAt = 4 + 1 + 4 + c.message().length + 4;
        bytes[bitmapAt] |= (byte) 0x80; // validator index 7 of a 7-validator set
        assertThrows(IllegalArgumentException.class, () -> CertBundle.fromBytes(bytes));
        // A certificate for a set of another size.
        CertBundle wide = CertBundle.of(c.message(), N + 1, c.signers(), c.blsAggregate(), PARAMS, c.mlDsaSignatures());
        assertTrue(wide.problem(set).orElseThrow().contains("covers 8 validators"));
    }

    @Test
    void wrongMessageFails() {
        CertBundle c = certificate(5);
        byte[] otherChain = message(Id.ofLong(2), BLOCK, 5);
        assertFalse(rebuilt(c, otherChain, c.signers(), c.blsAggregate(), c.mlDsaSignatures()).verify(set));
        byte[] otherSet = new CertMessage(Id.ofLong(1), new byte[32], List.of(new CertMessage.BlockRef(BLOCK, 5))).toBytes();
        assertTrue(rebuilt(c, otherSet, c.signers(), c.blsAggregate(), c.mlDsaSignatures()).problem(set).orElseThrow()
                .contains("another validator set"));
        var e = assertThrows(IllegalArgumentException.class,
                () -> rebuilt(c, "not a certificate message".getBytes(), c.signers(), c.blsAggregate(), c.mlDsaSignatures()));
        assertTrue(e.getMessage().contains("domain tag") || e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void aCertificateMovedToAnotherBlockDoesNotNameIt() {
        CertBundle c = certificate(5);
        Block elsewhere = new Block(Id.ofLong(78), Id.GENESIS, 5 - 4, new byte[0]).withCerts(c);
        assertFalse(c.names(elsewhere.id(), elsewhere.height()));
        assertArrayEquals(new boolean[] {false}, CertBundle.verifyBlocks(List.of(elsewhere), set));
        Block right = new Block(BLOCK, Id.ofLong(76), 5, new byte[0]).withCerts(c);
        assertArrayEquals(new boolean[] {true, false}, CertBundle.verifyBlocks(List.of(right, elsewhere), set));
    }

    @Test
    void truncatedOversizedOrMalformedBytesAreRejected() {
        byte[] good = certificate(5).toBytes();
        for (int cut : new int[] {0, 3, 5, 9, 40, good.length / 2, good.length - 1}) {
            byte[] prefix = Arrays.copyOf(good, cut);
            assertThrows(IllegalArgumentException.class, () -> CertBundle.fromBytes(prefix), "truncated at " + cut);
        }
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThrows(IllegalArgumentException.class, () -> CertBundle.fromBytes(longer));
        byte[] version = good.clone();
        version[4] = 9;
        var e = assertThrows(IllegalArgumentException.class, () -> CertBundle.fromBytes(version));
        assertTrue(e.getMessage().contains("version 9"), e.getMessage());
        byte[] hugeLength = good.clone();
        hugeLength[5] = 0x7F;
        assertThrows(IllegalArgumentException.class, () -> CertBundle.fromBytes(hugeLength));
    }

    @Test
    void batchVerificationFindsTheOneBadCertificate() {
        List<CertBundle> certs = new ArrayList<>();
        for (int h = 1; h <= 4; h++) {
            byte[] m = message(Id.ofLong(1), Id.ofLong(h), h);
            certs.add(new Certifier(set).certify(m, answers(m, 6)).certificate().orElseThrow());
        }
        assertArrayEquals(new boolean[] {true, true, true, true}, CertBundle.verifyAll(certs, set));
        CertBundle c = certs.get(2);
        List<byte[]> sigs = c.mlDsaSignatures();
        sigs.get(0)[0] ^= 1;
        certs.set(2, rebuilt(c, c.message(), c.signers(), c.blsAggregate(), sigs));
        CertBundle d = certs.get(1);
        certs.set(1, rebuilt(d, d.message(), d.signers(), certs.get(3).blsAggregate(), d.mlDsaSignatures()));
        assertArrayEquals(new boolean[] {true, false, false, true}, CertBundle.verifyAll(certs, set));
    }

    @Test
    void validatorSetRoundTripsAndRejectsBadKeys() {
        assertArrayEquals(set.toBytes(), ValidatorSet.fromBytes(set.toBytes()).toBytes());
        assertEquals(70, set.totalStake());
        assertEquals(47, set.quorumStake(), "3 * 47 > 140 >= 3 * 46");
        byte[] truncated = Arrays.copyOf(set.toBytes(), 100);
        assertThrows(IllegalArgumentException.class, () -> ValidatorSet.fromBytes(truncated));
        // A proof of possession made by another key fails at registration.
        ValidatorSet.Validator honest = keys[0].publicPart(ids.get(0), 1);
        ValidatorSet.Validator stolenProof = new ValidatorSet.Validator(ids.get(1), 1, keys[1].bls().publicKey(), honest.blsProof(),
                keys[1].mlDsa().publicKey());
        var e = assertThrows(IllegalArgumentException.class, () -> ValidatorSet.of(PARAMS, List.of(honest, stolenProof)));
        assertTrue(e.getMessage().contains("proof of possession") && e.getMessage().contains(ids.get(1).toHex()), e.getMessage());
        var wrongLength = assertThrows(IllegalArgumentException.class, () -> ValidatorSet.of(MlDsaParams.ML_DSA_65, List.of(honest)));
        assertTrue(wrongLength.getMessage().contains("ML-DSA key"), wrongLength.getMessage());
    }
}
