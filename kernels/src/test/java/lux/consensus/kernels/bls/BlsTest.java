package lux.consensus.kernels.bls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Seeded random tests of the BLS API: round trips, tampering, proofs of possession, the identity, batches. */
class BlsTest {

    private static final int SIGNERS = 8;
    private static final byte[] IDENTITY_G1 = identity(BlsPublicKey.BYTES);
    private static final byte[] IDENTITY_G2 = identity(BlsSignature.BYTES);

    private static final List<BlsSecretKey> SECRETS = new ArrayList<>();
    private static final List<BlsPublicKey> KEYS = new ArrayList<>();
    private static final List<byte[]> MESSAGES = new ArrayList<>();
    private static final List<BlsSignature> SIGNATURES = new ArrayList<>();

    @BeforeAll
    static void signers() {
        Bls.ensureAvailable();
        SplittableRandom random = new SplittableRandom(20261126);
        for (int i = 0; i < SIGNERS; i++) {
            BlsSecretKey secret = BlsSecretKey.keyGen(bytes(random, 32 + i));
            byte[] message = bytes(random, i * 7); // lengths 0, 7, 14, ...: the empty message too
            SECRETS.add(secret);
            KEYS.add(secret.publicKey());
            MESSAGES.add(message);
            SIGNATURES.add(secret.sign(message));
        }
    }

    @Test
    void signedMessagesVerify() {
        for (int i = 0; i < SIGNERS; i++) {
            assertTrue(Bls.verify(KEYS.get(i), MESSAGES.get(i), SIGNATURES.get(i)), "signer " + i);
        }
    }

    @Test
    void encodingsRoundTrip() {
        for (int i = 0; i < SIGNERS; i++) {
            BlsPublicKey key = BlsPublicKey.fromBytes(KEYS.get(i).toBytes());
            assertEquals(KEYS.get(i), key);
            assertEquals(KEYS.get(i).hashCode(), key.hashCode());
            BlsSignature signature = BlsSignature.fromBytes(SIGNATURES.get(i).toBytes());
            assertEquals(SIGNATURES.get(i), signature);
            assertTrue(Bls.verify(key, MESSAGES.get(i), signature));
            BlsSecretKey secret = BlsSecretKey.fromBytes(SECRETS.get(i).toBytes());
            assertEquals(KEYS.get(i), secret.publicKey());
        }
    }

    @Test
    void keyGenIsDeterministicAndNeedsEnoughKeyingMaterial() {
        byte[] ikm = new byte[32];
        Arrays.fill(ikm, (byte) 7);
        assertEquals(BlsSecretKey.keyGen(ikm).publicKey(), BlsSecretKey.keyGen(ikm.clone()).publicKey());
        assertMessage("KeyGen needs at least 32 bytes of IKM, got 31", () -> BlsSecretKey.keyGen(new byte[31]));
        BlsSecretKey key = BlsSecretKey.keyGen(ikm);
        assertFalse(key.toString().contains(HexFormat.of().formatHex(key.toBytes())),
                "toString must not show the secret");
    }

    @Test
    void secretKeyBytesMustBeAScalarBelowTheGroupOrder() {
        assertThrows(IllegalArgumentException.class, () -> BlsSecretKey.fromBytes(new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> BlsSecretKey.fromBytes(new byte[31]));
        byte[] order = HexFormat.of().parseHex("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001");
        assertThrows(IllegalArgumentException.class, () -> BlsSecretKey.fromBytes(order));
        order[31] = 0; // r - 1 is the largest valid key
        BlsSecretKey largest = BlsSecretKey.fromBytes(order);
        assertTrue(Bls.verify(largest.publicKey(), MESSAGES.get(1), largest.sign(MESSAGES.get(1))));
    }

    @Test
    void aTamperedSignatureMessageOrKeyFails() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < SIGNERS; i++) {
            BlsPublicKey key = KEYS.get(i);
            byte[] message = MESSAGES.get(i);
            BlsSignature signature = SIGNATURES.get(i);
            // Another signer's key, another message, another signature.
            int j = (i + 1) % SIGNERS;
            assertFalse(Bls.verify(KEYS.get(j), message, signature));
            assertFalse(Bls.verify(key, MESSAGES.get(j), signature));
            assertFalse(Bls.verify(key, message, SIGNATURES.get(j)));
            // One flipped bit in the message.
            byte[] flipped = Arrays.copyOf(message, Math.max(1, message.length));
            if (message.length == 0) {
                flipped[0] = 0; // the empty message becomes one zero byte
            } else {
                flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
            }
            assertFalse(Bls.verify(key, flipped, signature));
            // One flipped bit in the signature or key encoding: either it no longer decodes or it fails.
            assertTamperedSignatureFails(key, message, signature, random);
            assertTamperedKeyFails(key, message, signature, random);
        }
    }

    private static void assertTamperedSignatureFails(BlsPublicKey key, byte[] message, BlsSignature signature,
            SplittableRandom random) {
        byte[] bytes = signature.toBytes();
        int bit = 3 + random.nextInt(bytes.length * 8 - 3); // not the three flag bits
        bytes[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
        BlsSignature tampered;
        try {
            tampered = BlsSignature.fromBytes(bytes);
        } catch (IllegalArgumentException rejected) {
            return;
        }
        assertFalse(Bls.verify(key, message, tampered));
    }

    private static void assertTamperedKeyFails(BlsPublicKey key, byte[] message, BlsSignature signature,
            SplittableRandom random) {
        byte[] bytes = key.toBytes();
        int bit = 3 + random.nextInt(bytes.length * 8 - 3);
        bytes[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
        BlsPublicKey tampered;
        try {
            tampered = BlsPublicKey.fromBytes(bytes);
        } catch (IllegalArgumentException rejected) {
            return;
        }
        assertFalse(Bls.verify(tampered, message, signature));
    }

    @Test
    void theSignFlagMakesTheNegatedSignatureWhichFails() {
        byte[] negated = SIGNATURES.get(2).toBytes();
        negated[0] ^= 0x20; // bit 5 of byte 0 selects the larger y: the same x gives -signature
        BlsSignature minus = BlsSignature.fromBytes(negated);
        assertFalse(Bls.verify(KEYS.get(2), MESSAGES.get(2), minus));
        // signature + (-signature) is the identity
        assertTrue(Bls.aggregate(List.of(SIGNATURES.get(2), minus)).isInfinity());
    }

    @Test
    void proofsOfPossession() {
        for (int i = 0; i < SIGNERS; i++) {
            BlsSignature proof = SECRETS.get(i).popProve();
            assertTrue(Bls.popVerify(KEYS.get(i), proof), "own proof " + i);
            assertFalse(Bls.popVerify(KEYS.get((i + 1) % SIGNERS), proof), "someone else's key");
            // The POP DST separates proofs from signatures, both ways.
            assertFalse(Bls.popVerify(KEYS.get(i), SECRETS.get(i).sign(KEYS.get(i).toBytes())),
                    "a signature on the key bytes is not a proof");
            assertFalse(Bls.verify(KEYS.get(i), KEYS.get(i).toBytes(), proof), "a proof is not a signature");
        }
        assertEquals(SECRETS.get(0).popProve(), SECRETS.get(0).popProve(), "deterministic");
    }

    @Test
    void theIdentityPublicKeyIsRejectedAtDecoding() {
        assertMessageContains("point at infinity", () -> BlsPublicKey.fromBytes(IDENTITY_G1));
    }

    @Test
    void theIdentitySignatureDecodesButNeverVerifies() {
        BlsSignature identity = BlsSignature.fromBytes(IDENTITY_G2);
        assertTrue(identity.isInfinity());
        assertFalse(SIGNATURES.get(0).isInfinity());
        assertFalse(Bls.verify(KEYS.get(0), MESSAGES.get(0), identity));
        assertFalse(Bls.popVerify(KEYS.get(0), identity));
        assertFalse(Bls.fastAggregateVerify(KEYS, MESSAGES.get(0), identity));
        assertFalse(Bls.aggregateVerify(KEYS, MESSAGES, identity));
        List<BlsSignature> withIdentity = new ArrayList<>(SIGNATURES);
        withIdentity.set(3, identity);
        assertFalse(Bls.batchVerify(KEYS, MESSAGES, withIdentity));
        boolean[] each = Bls.verifyEach(KEYS, MESSAGES, withIdentity);
        assertArrayEquals(onlyInvalid(SIGNERS, 3), each);
        // Aggregating the identity changes nothing.
        assertEquals(SIGNATURES.get(1), Bls.aggregate(List.of(identity, SIGNATURES.get(1))));
    }

    @Test
    void decodingNamesTheProblem() {
        assertMessage("BLS public key must be 48 bytes (compressed G1), got 47",
                () -> BlsPublicKey.fromBytes(new byte[47]));
        assertMessage("BLS signature must be 96 bytes (compressed G2), got 97",
                () -> BlsSignature.fromBytes(new byte[97]));
        byte[] uncompressed = KEYS.get(0).toBytes();
        uncompressed[0] &= 0x7F;
        assertMessageContains("compression flag", () -> BlsPublicKey.fromBytes(uncompressed));
        // From the Ethereum vector deserialization_fails_not_in_curve: x has no y on the curve.
        byte[] notOnCurve = HexFormat.of().parseHex("8123456789abcdef0123456789abcdef0123456789abcdef"
                + "0123456789abcdef0123456789abcdef0123456789abcde0");
        assertMessageContains("not on curve", () -> BlsPublicKey.fromBytes(notOnCurve));
    }

    @Test
    void aPointOnTheCurveOutsideG1IsRejected() {
        // From the Ethereum vector deserialization_fails_not_in_G1: on the curve, not in the subgroup.
        byte[] notInGroup = HexFormat.of().parseHex("8123456789abcdef0123456789abcdef0123456789abcdef"
                + "0123456789abcdef0123456789abcdef0123456789abcdef");
        assertMessage("BLS public key is on the curve but not in G1 (the prime-order subgroup)",
                () -> BlsPublicKey.fromBytes(notInGroup));
    }

    @Test
    void fastAggregateVerifyChecksEverySignerOfOneMessage() {
        byte[] message = "block 42".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<BlsSignature> signatures = new ArrayList<>();
        for (BlsSecretKey secret : SECRETS) {
            signatures.add(secret.sign(message));
        }
        BlsSignature aggregate = Bls.aggregate(signatures);
        assertTrue(Bls.fastAggregateVerify(KEYS, message, aggregate));
        assertTrue(Bls.verify(Bls.aggregatePublicKeys(KEYS), message, aggregate), "the same check by hand");
        assertFalse(Bls.fastAggregateVerify(KEYS.subList(1, SIGNERS), message, aggregate), "a signer missing");
        assertFalse(Bls.fastAggregateVerify(KEYS, message, Bls.aggregate(signatures.subList(1, SIGNERS))),
                "a signature missing");
        assertFalse(Bls.fastAggregateVerify(KEYS, MESSAGES.get(1), aggregate), "another message");
        assertFalse(Bls.fastAggregateVerify(List.of(), message, aggregate), "no signers");
        List<BlsPublicKey> withNull = new ArrayList<>(KEYS);
        withNull.set(2, null);
        assertFalse(Bls.fastAggregateVerify(withNull, message, aggregate), "a null key");
        // Aggregation order does not matter.
        List<BlsSignature> shuffled = new ArrayList<>(signatures);
        Collections.reverse(shuffled);
        assertEquals(aggregate, Bls.aggregate(shuffled));
    }

    @Test
    void aggregateVerifyChecksEverySignerOfItsOwnMessage() {
        BlsSignature aggregate = Bls.aggregate(SIGNATURES);
        assertTrue(Bls.aggregateVerify(KEYS, MESSAGES, aggregate));
        List<byte[]> swapped = new ArrayList<>(MESSAGES);
        Collections.swap(swapped, 0, 1);
        assertFalse(Bls.aggregateVerify(KEYS, swapped, aggregate), "messages swapped between signers");
        assertFalse(Bls.aggregateVerify(List.of(), List.of(), aggregate), "no signers");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bls.aggregateVerify(KEYS, MESSAGES.subList(1, SIGNERS), aggregate));
        assertEquals("publicKeys and messages must have the same length, got 8 and 7", e.getMessage());
        // Under proof of possession the same message may repeat.
        byte[] same = MESSAGES.get(3);
        BlsSignature repeated = Bls.aggregate(List.of(SECRETS.get(0).sign(same), SECRETS.get(1).sign(same)));
        assertTrue(Bls.aggregateVerify(KEYS.subList(0, 2), List.of(same, same), repeated));
    }

    @Test
    void aggregationOfNothingIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Bls.aggregate(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Bls.aggregatePublicKeys(List.of()));
        BlsPublicKey minus = negate(KEYS.get(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bls.aggregatePublicKeys(List.of(KEYS.get(0), minus)));
        assertTrue(e.getMessage().contains("identity"), e.getMessage());
        assertFalse(Bls.fastAggregateVerify(List.of(KEYS.get(0), minus), MESSAGES.get(0), SIGNATURES.get(0)));
    }

    @Test
    void aBatchOfValidTriplesVerifies() {
        assertTrue(Bls.batchVerify(KEYS, MESSAGES, SIGNATURES));
        assertTrue(Bls.batchVerify(KEYS.subList(0, 1), MESSAGES.subList(0, 1), SIGNATURES.subList(0, 1)));
        assertArrayEquals(onlyInvalid(SIGNERS, -1), Bls.verifyEach(KEYS, MESSAGES, SIGNATURES));
    }

    @Test
    void aBatchWithOneBadItemIsFalseAndVerifyEachFindsIt() {
        for (int bad = 0; bad < SIGNERS; bad++) {
            List<BlsSignature> signatures = new ArrayList<>(SIGNATURES);
            signatures.set(bad, SIGNATURES.get((bad + 1) % SIGNERS));
            assertFalse(Bls.batchVerify(KEYS, MESSAGES, signatures), "bad item " + bad);
            assertArrayEquals(onlyInvalid(SIGNERS, bad), Bls.verifyEach(KEYS, MESSAGES, signatures), "bad item " + bad);
        }
    }

    @Test
    void swappedSignaturesDoNotCancelOut() {
        // Two wrong signatures whose sum is right: the aggregate check would pass, the random weights must not.
        byte[] message = MESSAGES.get(4);
        BlsSignature s0 = SECRETS.get(0).sign(message);
        BlsSignature s1 = SECRETS.get(1).sign(message);
        List<BlsPublicKey> keys = List.of(KEYS.get(0), KEYS.get(1));
        List<byte[]> messages = List.of(message, message);
        assertTrue(Bls.aggregateVerify(keys, messages, Bls.aggregate(List.of(s1, s0))));
        assertFalse(Bls.batchVerify(keys, messages, List.of(s1, s0)));
        assertArrayEquals(new boolean[] {false, false}, Bls.verifyEach(keys, messages, List.of(s1, s0)));
    }

    @Test
    void verifyEachFindsSeveralBadItemsInALargerBatch() {
        SplittableRandom random = new SplittableRandom(99);
        int n = 37;
        List<BlsPublicKey> keys = new ArrayList<>();
        List<byte[]> messages = new ArrayList<>();
        List<BlsSignature> signatures = new ArrayList<>();
        boolean[] expected = new boolean[n];
        for (int i = 0; i < n; i++) {
            int s = random.nextInt(SIGNERS);
            keys.add(KEYS.get(s));
            messages.add(MESSAGES.get(s));
            expected[i] = random.nextInt(5) != 0;
            signatures.add(expected[i] ? SIGNATURES.get(s) : SIGNATURES.get((s + 1) % SIGNERS));
        }
        keys.set(5, null);
        expected[5] = false;
        assertArrayEquals(expected, Bls.verifyEach(keys, messages, signatures));
        assertFalse(Bls.batchVerify(keys, messages, signatures));
    }

    @Test
    void batchEdgeCases() {
        assertFalse(Bls.batchVerify(List.of(), List.of(), List.of()), "an empty batch proves nothing");
        assertArrayEquals(new boolean[0], Bls.verifyEach(List.of(), List.of(), List.of()));
        List<byte[]> withNull = new ArrayList<>(MESSAGES);
        withNull.set(6, null);
        assertFalse(Bls.batchVerify(KEYS, withNull, SIGNATURES));
        assertArrayEquals(onlyInvalid(SIGNERS, 6), Bls.verifyEach(KEYS, withNull, SIGNATURES));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bls.batchVerify(KEYS, MESSAGES, SIGNATURES.subList(0, 3)));
        assertEquals("publicKeys, messages and signatures must have the same length, got 8, 8 and 3", e.getMessage());
        assertThrows(NullPointerException.class, () -> Bls.batchVerify(null, MESSAGES, SIGNATURES));
        assertThrows(NullPointerException.class, () -> Bls.verify(KEYS.get(0), null, SIGNATURES.get(0)));
    }

    @Test
    void sharedKeysAndSignaturesVerifyFromManyThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int i = t % SIGNERS;
                results.add(pool.submit(() -> Bls.verify(KEYS.get(i), MESSAGES.get(i), SIGNATURES.get(i))
                        && Bls.batchVerify(KEYS, MESSAGES, SIGNATURES)
                        && !Bls.verify(KEYS.get(i), MESSAGES.get((i + 1) % SIGNERS), SIGNATURES.get(i))));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- helpers ----

    private static BlsPublicKey negate(BlsPublicKey key) {
        byte[] bytes = key.toBytes();
        bytes[0] ^= 0x20; // the sign flag: same x, other y
        return BlsPublicKey.fromBytes(bytes);
    }

    private static boolean[] onlyInvalid(int n, int invalid) {
        boolean[] valid = new boolean[n];
        Arrays.fill(valid, true);
        if (invalid >= 0) {
            valid[invalid] = false;
        }
        return valid;
    }

    private static byte[] identity(int length) {
        byte[] bytes = new byte[length];
        bytes[0] = (byte) 0xC0; // compressed + infinity flags, all else zero
        return bytes;
    }

    private static byte[] bytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    private static void assertMessageContains(String part, org.junit.jupiter.api.function.Executable call) {
        String message = assertThrows(IllegalArgumentException.class, call).getMessage();
        assertTrue(message.contains(part), message);
    }
}
