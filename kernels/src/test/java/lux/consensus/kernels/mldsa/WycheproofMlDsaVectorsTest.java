package lux.consensus.kernels.mldsa;

import static lux.consensus.kernels.vectors.TestVectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import lux.consensus.kernels.Kernels;
import lux.consensus.kernels.vectors.TestVectors;
import org.bouncycastle.crypto.params.MLDSAPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithContext;
import org.bouncycastle.crypto.signers.MLDSASigner;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Wycheproof ML-DSA vectors (C2SP/wycheproof testvectors_v1, the test resources, testvectors/wycheproof).
 *
 * <p>{@code mldsa_*_verify_test.json} (MlDsaVerify, schema mldsa_verify_schema.json): a public key per group;
 * each test a message, an optional context {@code ctx}, a signature and valid / invalid. The flags say what an
 * invalid case breaks (lengths, hint encoding, infinity norm, modified signature, too-long context). Every
 * case with an empty context goes through the selected {@link MlDsaBatchVerifier}: all of a file in one batch,
 * and again item by item. Cases with a non-empty context cannot be asked through the pure, empty-context API,
 * so they are checked with BouncyCastle's context-aware {@code MLDSASigner} (a context over 255 bytes, which
 * BouncyCastle refuses, counts as invalid).
 *
 * <p>{@code mldsa_*_sign_seed_test.json} (MlDsaSign): a 32-byte seed and the public key it must give, then
 * signatures. Key generation is checked for every group through {@link MlDsa#generate} (a seed that is not 32
 * bytes must be refused); signatures through {@link MlDsa#sign} (deterministic) or {@link MlDsa#signHedged}
 * (with the vector's {@code rnd}). The API cannot sign a given mu (cases flagged {@code Internal}) or with a
 * context, so those expected signatures are checked with the pure Java verifier's Verify_internal from mu
 * instead (and, for a context, that this library's mu matches and the empty-context API refuses them).
 */
class WycheproofMlDsaVectorsTest {

    /** One verify case. {@code context} is empty for a pure, empty-context case. */
    record VerifyCase(int tcId, String comment, String flags, byte[] publicKey, byte[] message, byte[] context,
            byte[] signature, boolean valid) {

        @Override
        public String toString() {
            return "tcId " + tcId + ": " + comment + " " + flags;
        }
    }

    static String verifyFile(MlDsaParams params) {
        return "wycheproof/mldsa_" + params.standardName().substring(7) + "_verify_test.json";
    }

    static String signFile(MlDsaParams params) {
        return "wycheproof/mldsa_" + params.standardName().substring(7) + "_sign_seed_test.json";
    }

    static List<VerifyCase> verifyCases(MlDsaParams params) {
        JsonNode file = TestVectors.readJson(TestVectors.require(verifyFile(params)));
        assertEquals("mldsa_verify_schema.json", file.get("schema").asText());
        assertEquals(params.standardName(), file.get("algorithm").asText());
        List<VerifyCase> cases = new ArrayList<>();
        for (JsonNode group : file.get("testGroups")) {
            assertEquals("MlDsaVerify", group.get("type").asText());
            byte[] publicKey = hex(group.get("publicKey"));
            for (JsonNode test : group.get("tests")) {
                byte[] context = test.has("ctx") ? hex(test.get("ctx")) : new byte[0];
                cases.add(new VerifyCase(test.get("tcId").asInt(), test.get("comment").asText(),
                        test.get("flags").toString(), publicKey, hex(test.get("msg")), context, hex(test.get("sig")),
                        expected(test)));
            }
        }
        assertEquals(file.get("numberOfTests").asInt(), cases.size(), "numberOfTests");
        return cases;
    }

    @ParameterizedTest
    @EnumSource(MlDsaParams.class)
    void everyEmptyContextCaseOfAFileInOneBatch(MlDsaParams params) {
        List<VerifyCase> pure = verifyCases(params).stream().filter(c -> c.context().length == 0).toList();
        int n = pure.size();
        byte[][] keys = new byte[n][];
        byte[][] messages = new byte[n][];
        byte[][] signatures = new byte[n][];
        for (int i = 0; i < n; i++) {
            keys[i] = pure.get(i).publicKey();
            messages[i] = pure.get(i).message();
            signatures[i] = pure.get(i).signature();
        }
        boolean[] actual = Kernels.mlDsaVerifier().verify(params, keys, messages, signatures);
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (actual[i] != pure.get(i).valid()) {
                wrong.add(pure.get(i) + " expected " + pure.get(i).valid());
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + n + " wrong: " + wrong);
        System.out.println(params.standardName() + ": " + n
                + " empty-context verify vectors in one batch, all as expected");
    }

    @TestFactory
    Stream<DynamicNode> everyVerifyCaseItemByItem() {
        List<DynamicNode> files = new ArrayList<>();
        for (MlDsaParams params : MlDsaParams.values()) {
            List<DynamicNode> tests = new ArrayList<>();
            for (VerifyCase c : verifyCases(params)) {
                tests.add(DynamicTest.dynamicTest(c.toString(), () -> {
                    boolean actual = c.context().length == 0
                            ? Kernels.mlDsaVerifier().verify(params, new byte[][] {c.publicKey()},
                                    new byte[][] {c.message()}, new byte[][] {c.signature()})[0]
                            : verifyWithContext(params, c);
                    assertEquals(c.valid(), actual);
                }));
            }
            files.add(DynamicContainer.dynamicContainer(verifyFile(params), tests.stream()));
        }
        return files.stream();
    }

    /** BouncyCastle's pure ML-DSA verify with a context string, for the cases our API cannot express. */
    private static boolean verifyWithContext(MlDsaParams params, VerifyCase c) {
        if (c.publicKey().length != params.publicKeyBytes()) {
            return false;
        }
        MLDSASigner signer = new MLDSASigner();
        try {
            signer.init(false, new ParametersWithContext(
                    new MLDSAPublicKeyParameters(MlDsa.bouncyCastle(params), c.publicKey()), c.context()));
        } catch (IllegalArgumentException contextTooLong) {
            return false; // FIPS 204 Algorithm 3: a context over 255 bytes is an error, so nothing verifies
        }
        signer.update(c.message(), 0, c.message().length);
        return signer.verifySignature(c.signature());
    }

    @TestFactory
    Stream<DynamicNode> signFromSeed() {
        List<DynamicNode> files = new ArrayList<>();
        for (MlDsaParams params : MlDsaParams.values()) {
            JsonNode file = TestVectors.readJson(TestVectors.require(signFile(params)));
            assertEquals("mldsa_sign_seed_schema.json", file.get("schema").asText());
            List<DynamicNode> tests = new ArrayList<>();
            int count = 0;
            for (JsonNode group : file.get("testGroups")) {
                assertEquals("MlDsaSign", group.get("type").asText());
                byte[] seed = hex(group.get("privateSeed"));
                JsonNode expectedKey = group.get("publicKey");
                String groupName = "seed " + group.get("privateSeed").asText();
                tests.add(DynamicTest.dynamicTest("keygen from " + groupName, () -> keyGen(params, seed, expectedKey)));
                for (JsonNode test : group.get("tests")) {
                    count++;
                    tests.add(DynamicTest.dynamicTest("tcId " + test.get("tcId").asInt() + ": "
                            + test.get("comment").asText() + " " + test.get("flags"), () -> sign(params, seed, test)));
                }
            }
            assertEquals(file.get("numberOfTests").asInt(), count, "numberOfTests");
            files.add(DynamicContainer.dynamicContainer(signFile(params), tests.stream()));
        }
        return files.stream();
    }

    private static void keyGen(MlDsaParams params, byte[] seed, JsonNode expectedKey) {
        if (seed.length != MlDsa.SEED_BYTES) {
            assertTrue(expectedKey == null || expectedKey.isNull(), "no key for a bad seed");
            assertThrows(IllegalArgumentException.class, () -> MlDsa.generate(params, seed));
            return;
        }
        assertArrayEquals(hex(expectedKey), MlDsa.generate(params, seed).publicKey());
    }

    private static void sign(MlDsaParams params, byte[] seed, JsonNode test) {
        boolean valid = expected(test);
        if (seed.length != MlDsa.SEED_BYTES) {
            assertTrue(!valid, "a case with a bad seed must be invalid");
            assertThrows(IllegalArgumentException.class, () -> MlDsa.generate(params, seed));
            return;
        }
        if (test.get("flags").toString().contains("\"Internal\"") || !test.has("msg")) {
            signedMu(params, seed, test);
            return;
        }
        if (test.has("ctx") && !test.get("ctx").asText().isEmpty()) {
            signedWithContext(params, seed, test);
            return;
        }
        assertTrue(valid, "the remaining cases are all valid signatures");
        MlDsaKeyPair pair = MlDsa.generate(params, seed);
        byte[] message = hex(test.get("msg"));
        byte[] signature = test.has("rnd")
                ? MlDsa.signHedged(pair, message, new FixedRandom(hex(test.get("rnd"))))
                : MlDsa.sign(pair, message);
        assertArrayEquals(hex(test.get("sig")), signature);
        assertArrayEquals(new boolean[] {true}, Kernels.mlDsaVerifier().verify(params,
                new byte[][] {pair.publicKey()}, new byte[][] {message}, new byte[][] {signature}));
    }

    /**
     * A signature of a given mu (ML-DSA.Sign_internal): the API signs messages only, so the expected signature is
     * checked with the verifier's own Verify_internal from mu, under the key this library derives from the seed.
     */
    private static void signedMu(MlDsaParams params, byte[] seed, JsonNode test) {
        assertTrue(expected(test), "mu cases are valid signatures");
        byte[] publicKey = MlDsa.generate(params, seed).publicKey();
        byte[] signature = hex(test.get("sig"));
        MlDsaSpec spec = MlDsaSpec.of(params);
        assertTrue(JavaMlDsaVerifier.verifyMu(spec, publicKey, hex(test.get("mu")), signature), "signature of mu verifies");
        byte[] other = hex(test.get("mu"));
        other[0] ^= 1;
        assertFalse(JavaMlDsaVerifier.verifyMu(spec, publicKey, other, signature), "the signature of another mu");
    }

    /**
     * A signature made with a context string. The API is pure ML-DSA with the empty context, so: the vector's mu
     * is H(tr || 0 || |ctx| || ctx || msg) as this library computes it, Verify_internal accepts the signature for
     * that mu, and the empty-context API rejects it for msg (domain separation). A context over 255 bytes is the
     * one invalid kind: no signature, and FIPS 204 (Algorithm 2, line 1) refuses it.
     */
    private static void signedWithContext(MlDsaParams params, byte[] seed, JsonNode test) {
        byte[] context = hex(test.get("ctx"));
        if (!expected(test)) {
            assertTrue(context.length > 255 && test.get("flags").toString().contains("InvalidContext"),
                    "the only invalid context cases are over-long contexts");
            return;
        }
        byte[] publicKey = MlDsa.generate(params, seed).publicKey();
        byte[] message = hex(test.get("msg"));
        byte[] signature = hex(test.get("sig"));
        byte[] domain = new byte[2 + context.length];
        domain[1] = (byte) context.length;
        System.arraycopy(context, 0, domain, 2, context.length);
        byte[] mu = JavaMlDsaVerifier.mu(publicKey, domain, message);
        assertArrayEquals(hex(test.get("mu")), mu, "mu with the context");
        assertTrue(JavaMlDsaVerifier.verifyMu(MlDsaSpec.of(params), publicKey, mu, signature), "verifies with its context");
        assertArrayEquals(new boolean[] {false}, Kernels.mlDsaVerifier().verify(params,
                new byte[][] {publicKey}, new byte[][] {message}, new byte[][] {signature}), "verifies without its context");
    }

    static boolean expected(JsonNode test) {
        String result = test.get("result").asText();
        assertTrue(result.equals("valid") || result.equals("invalid"), "unexpected result " + result);
        return result.equals("valid");
    }

    /** Hands out the vector's 32-byte rnd, so hedged signing can be checked against it. */
    static final class FixedRandom extends SecureRandom {

        private static final long serialVersionUID = 1L;
        private final byte[] rnd;

        FixedRandom(byte[] rnd) {
            this.rnd = rnd.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            assertEquals(rnd.length, bytes.length, "ML-DSA draws rnd once, 32 bytes");
            System.arraycopy(rnd, 0, bytes, 0, bytes.length);
        }
    }
}
