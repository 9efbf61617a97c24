package lux.consensus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** End to end: finalized blocks carry certificates that verify offline; without a quorum they carry none. */
@Timeout(180)
class ChainCertificatesTest {
    private static List<Block> chainOf(Id parent, long height, int n) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Block b = Blocks.child(parent, height, "block " + (height + 1));
            blocks.add(b);
            parent = b.id();
            height++;
        }
        return blocks;
    }

    @Test
    void everyFinalizedBlockCarriesACertificateThatVerifiesOfflineFromBytes() {
        Config config = Config.builder().validatorCount(30).batchSize(8).build();
        try (Chain chain = new Chain(config)) {
            chain.start();
            List<Block> blocks = chainOf(Id.GENESIS, 0, 20);
            assertTrue(chain.addBatch(blocks).stream().allMatch(d -> d == Decision.FINALIZED));
            ValidatorSet offlineSet = ValidatorSet.fromBytes(chain.validatorSet().toBytes());
            List<Block> stored = new ArrayList<>();
            for (Block b : blocks) {
                Block s = chain.getBlock(b.id()).orElseThrow();
                stored.add(s);
                CertBundle c = s.certs();
                assertNotNull(c, "certificate of " + s);
                assertTrue(c.certMessage().blocks().size() <= config.batchSize(), "batches share certificates of up to batchSize blocks");
                CertBundle offline = CertBundle.fromBytes(c.toBytes());
                assertTrue(offline.names(s.id(), s.height()));
                assertTrue(offline.verify(offlineSet), () -> offline.problem(offlineSet).orElse(""));
                assertTrue(chain.verify(s));
                assertTrue(chain.hasQuantumFinality(s.id()));
                assertEquals(config.chainId(), c.certMessage().chainId());
            }
            boolean[] all = chain.verifyCertificates(stored);
            boolean[] expected = new boolean[stored.size()];
            Arrays.fill(expected, true);
            assertArrayEquals(expected, all);
            assertFalse(chain.verify(blocks.get(0)), "the caller's own Block object carries no certificate");
            Statistics s = chain.stats();
            assertEquals(20, s.certified());
            assertEquals(0, s.uncertified());
        }
    }

    /** A node catching up: it keeps a certificate that another node (same validators) made, if it verifies. */
    @Test
    void aBlockKeepsTheCertificateItCameWithOnlyIfItVerifies() {
        Config config = Config.builder().validatorCount(21).build();
        List<Block> blocks = chainOf(Id.GENESIS, 0, 2);
        List<CertBundle> made = new ArrayList<>();
        try (Chain first = new Chain(config)) {
            first.start();
            for (Block b : blocks) {
                first.add(b);
                made.add(first.getBlock(b.id()).orElseThrow().certs());
            }
        }
        try (Chain second = new Chain(config)) {
            second.start();
            assertEquals(Decision.FINALIZED, second.add(blocks.get(0).withCertificate(made.get(0))));
            assertEquals(made.get(0), second.getBlock(blocks.get(0).id()).orElseThrow().certs(), "a valid certificate is kept");
            assertEquals(Decision.FINALIZED, second.add(blocks.get(1).withCertificate(made.get(0))));
            CertBundle own = second.getBlock(blocks.get(1).id()).orElseThrow().certs();
            assertTrue(own.names(blocks.get(1).id(), 2) && second.verify(second.getBlock(blocks.get(1).id()).orElseThrow()),
                    "a certificate naming another block is replaced by one the chain gathers");
            assertEquals(2, second.stats().certified());
        }
        try (Chain off = new Chain(config.toBuilder().qRounds(0).build())) {
            off.start();
            off.add(blocks.get(0).withCertificate(made.get(0)));
            assertNull(off.getBlock(blocks.get(0).id()).orElseThrow().certs(), "with certificates off, none is taken in unchecked");
        }
        assertThrows(NullPointerException.class, () -> blocks.get(0).withCertificate(null));
    }

    @Test
    void byzantineSignersAreLeftOutOfTheCertificate() {
        Config config = Config.builder().validatorCount(30).alphaPref(13).alphaConf(15)
                .byzantine(0.2, Config.ByzantineBehavior.CONFLICTING).build();
        try (Chain chain = new Chain(config)) {
            chain.start();
            Block b = Blocks.onGenesis("certified despite liars");
            assertEquals(Decision.FINALIZED, chain.add(b));
            CertBundle c = chain.getBlock(b.id()).orElseThrow().certs();
            assertNotNull(c);
            assertEquals(24, c.signerCount(), "the 6 Byzantine validators sign wrongly and are left out");
            assertTrue(chain.verify(chain.getBlock(b.id()).orElseThrow()));
        }
    }

    @Test
    void withFortyPercentSilentBlocksAreFinalButLackQuantumFinality() {
        // k 21, alphaPref = alphaConf = 11: the 60% that answer still finalize blocks, but 60% of the stake is
        // no 2/3 quorum, so no certificate can be made.
        Config config = Config.builder().validatorCount(50).alphaPref(11).alphaConf(11).beta(3).silentFraction(0.4).build();
        try (Chain chain = new Chain(config)) {
            chain.start();
            List<Block> blocks = chainOf(Id.GENESIS, 0, 3);
            assertTrue(chain.addBatch(blocks).stream().allMatch(d -> d == Decision.FINALIZED));
            for (Block b : blocks) {
                assertTrue(chain.isFinalized(b.id()));
                assertFalse(chain.hasQuantumFinality(b.id()));
                Block stored = chain.getBlock(b.id()).orElseThrow();
                assertNull(stored.certs(), "never an invalid certificate");
                assertFalse(chain.verify(stored));
            }
            assertEquals(3, chain.stats().uncertified());
            assertEquals(0, chain.stats().certified());
        }
    }

    @Test
    void qRoundsZeroTurnsCertificatesOff() {
        try (Chain chain = new Chain(Config.builder().qRounds(0).build())) {
            chain.start();
            Block b = Blocks.onGenesis("uncertified by choice");
            assertEquals(Decision.FINALIZED, chain.add(b));
            assertNull(chain.getBlock(b.id()).orElseThrow().certs());
            assertFalse(chain.hasQuantumFinality(b.id()));
            assertEquals(0, chain.stats().uncertified());
            var e = assertThrows(IllegalStateException.class, chain::validatorSet);
            assertTrue(e.getMessage().contains("qRounds 0"), e.getMessage());
        }
    }

    @Test
    void validatorKeysAreRegisteredWithAVerifierThatPrecomputes() {
        var verifier = lux.consensus.kernels.Kernels.mlDsaVerifier();
        org.junit.jupiter.api.Assumptions.assumeTrue(verifier instanceof lux.consensus.kernels.mldsa.MlDsaKeyRegistry,
                "the selected ML-DSA verifier (" + verifier.name() + ") keeps no per-key precomputation");
        var registry = (lux.consensus.kernels.mldsa.MlDsaKeyRegistry) verifier;
        try (Chain chain = new Chain(Config.builder().validatorCount(25).seed(99).build())) {
            assertTrue(registry.registeredKeys() >= 25, "registered " + registry.registeredKeys());
        }
    }
}
