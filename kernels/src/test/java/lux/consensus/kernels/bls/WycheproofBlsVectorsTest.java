package lux.consensus.kernels.bls;

import static lux.consensus.kernels.vectors.TestVectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import lux.consensus.kernels.vectors.TestVectors;
import supranational.blst.P2;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Wycheproof BLS vectors (C2SP/wycheproof testvectors_v1, in the test resources, testvectors/wycheproof). Each file's
 * {@code schema}, {@code notes} and {@code flags} say how to read it:
 * <ul>
 *   <li>{@code bls_sig_g2_pop_verify_test.json} (BlsSigVerify): one public key per group, each test a
 *       message and signature under our ciphersuite, result valid / invalid; run through {@link Bls#verify}.
 *       A signature {@link BlsSignature#fromBytes} rejects (truncated, flags, not on curve, not in G2)
 *       counts as invalid.</li>
 *   <li>{@code bls_sig_g2_aggregate_verify_test.json} (BlsAggregateVerify): its groups name the
 *       <em>basic</em> ciphersuite {@code ..._NUL_}, so they run through the package-private
 *       {@link Bls#coreAggregateVerify} with that DST, plus the basic scheme's distinct-messages rule
 *       (draft §3.1.1), instead of the public POP-only {@link Bls#aggregateVerify}. Mismatched key and
 *       message counts are an IllegalArgumentException in our API, which counts as invalid.</li>
 *   <li>{@code bls_hash_to_g2_test.json}: blst's hash_to_G2 (inside sign and verify) under the file's DST.</li>
 * </ul>
 */
class WycheproofBlsVectorsTest {

    static final String BASIC_CIPHERSUITE = "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_";

    @TestFactory
    Stream<DynamicTest> popVerify() {
        JsonNode file = TestVectors.readJson(TestVectors.require("wycheproof/bls_sig_g2_pop_verify_test.json"));
        assertEquals("bls_sig_verify_schema.json", file.get("schema").asText());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode group : file.get("testGroups")) {
            assertEquals(Bls.CIPHERSUITE, group.get("ciphersuite").asText());
            BlsPublicKey key = BlsPublicKey.fromBytes(hex(group.get("publicKey").get("pk")));
            for (JsonNode test : group.get("tests")) {
                tests.add(DynamicTest.dynamicTest(title(test), () -> {
                    Optional<BlsSignature> signature = EthereumBlsVectorsTest.signature(test.get("sig"));
                    boolean actual = signature.isPresent() && Bls.verify(key, hex(test.get("msg")), signature.get());
                    assertEquals(expected(test), actual, flags(test));
                }));
            }
        }
        assertEquals(file.get("numberOfTests").asInt(), tests.size());
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> aggregateVerify() {
        JsonNode file = TestVectors.readJson(TestVectors.require("wycheproof/bls_sig_g2_aggregate_verify_test.json"));
        assertEquals("bls_aggregate_verify_schema.json", file.get("schema").asText());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode group : file.get("testGroups")) {
            String ciphersuite = group.get("ciphersuite").asText();
            assertTrue(ciphersuite.equals(BASIC_CIPHERSUITE) || ciphersuite.equals(Bls.CIPHERSUITE), ciphersuite);
            for (JsonNode test : group.get("tests")) {
                tests.add(DynamicTest.dynamicTest(title(test), () ->
                        assertEquals(expected(test), aggregateVerify(ciphersuite, test), flags(test))));
            }
        }
        assertEquals(file.get("numberOfTests").asInt(), tests.size());
        return tests.stream();
    }

    private static boolean aggregateVerify(String ciphersuite, JsonNode test) {
        Optional<List<BlsPublicKey>> keys = EthereumBlsVectorsTest.publicKeys(test.get("pubkeys"));
        Optional<BlsSignature> signature = EthereumBlsVectorsTest.signature(test.get("sig"));
        if (keys.isEmpty() || signature.isEmpty()) {
            return false;
        }
        List<byte[]> messages = EthereumBlsVectorsTest.messages(test.get("messages"));
        try {
            if (ciphersuite.equals(Bls.CIPHERSUITE)) {
                return Bls.aggregateVerify(keys.get(), messages, signature.get());
            }
            // Basic scheme, draft §3.1.1: AggregateVerify first requires distinct messages.
            Set<String> distinct = new HashSet<>();
            for (byte[] m : messages) {
                if (!distinct.add(HexFormat.of().formatHex(m))) {
                    return false;
                }
            }
            return Bls.coreAggregateVerify(keys.get(), messages, signature.get(), ciphersuite);
        } catch (IllegalArgumentException mismatchedCounts) {
            return false;
        }
    }

    /**
     * hash_to_G2 runs inside sign and verify; the API does not expose it, so this checks blst's, which they use,
     * under the file's DST (the hash-to-curve draft's test suite), against the compressed points.
     */
    @TestFactory
    Stream<DynamicTest> hashToG2() {
        JsonNode file = TestVectors.readJson(TestVectors.require("wycheproof/bls_hash_to_g2_test.json"));
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode group : file.get("testGroups")) {
            String dst = group.get("dst").asText();
            for (JsonNode test : group.get("tests")) {
                tests.add(DynamicTest.dynamicTest(title(test), () -> {
                    assertTrue(expected(test), "every hash_to_G2 case is valid");
                    byte[] point = new P2().hash_to(hex(test.get("msg")), dst).compress();
                    assertArrayEquals(hex(test.get("expected")), point);
                }));
            }
        }
        assertEquals(file.get("numberOfTests").asInt(), tests.size(), "numberOfTests");
        return tests.stream();
    }

    static boolean expected(JsonNode test) {
        String result = test.get("result").asText();
        assertTrue(result.equals("valid") || result.equals("invalid"), "unexpected result " + result);
        return result.equals("valid");
    }

    static String title(JsonNode test) {
        return "tcId " + test.get("tcId").asInt() + ": " + test.get("comment").asText();
    }

    static String flags(JsonNode test) {
        return "flags " + test.get("flags");
    }
}
