package lux.consensus.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lux.consensus.Block;
import lux.consensus.Chain;
import lux.consensus.Config;
import lux.consensus.Decision;
import lux.consensus.Id;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Block validation through {@link Chain#addBatch}: batches of fuzzer-made blocks (fresh, duplicate or unknown
 * ids and parents, right or wrong heights) on one long-lived chain with the SDK's defaults (certificate rounds
 * off, for speed). A model predicts from the chain's public state whether the batch is valid; the chain must
 * agree, and a refused batch must leave it unchanged.
 */
class ChainAddFuzzTest {
    private static final int REMEMBERED = 512;
    private static Chain chain;
    /** Ids the chain took in (a bounded sample), as candidates for parents and duplicates. */
    private static final List<Id> known = new ArrayList<>();

    @BeforeAll
    static void startChain() {
        chain = new Chain(Config.defaults().toBuilder().qRounds(0).build());
        chain.start();
    }

    @AfterAll
    static void stopChain() {
        chain.close();
        known.clear();
    }

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "2h")
    void addBatch(FuzzedDataProvider data) {
        int size = data.consumeInt(1, 4);
        List<Block> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Optional<Block> block = block(data, batch);
            if (block.isEmpty()) {
                return; // the Block constructor refused it, as documented
            }
            batch.add(block.get());
        }
        boolean valid = validByModel(batch);
        Id preference = chain.preference();
        List<Boolean> knownBefore = batch.stream().map(b -> isKnown(b.id())).toList();
        try {
            List<Decision> decisions = chain.addBatch(batch);
            assertTrue(valid, () -> "the chain took a batch the model refuses: " + batch);
            assertEquals(batch.size(), decisions.size());
            for (Block b : batch) {
                remember(b.id());
            }
        } catch (IllegalArgumentException refused) {
            assertTrue(!valid, () -> "the chain refused a valid batch " + batch + ": " + refused.getMessage());
            assertEquals(preference, chain.preference(), "a refused batch changed the preference");
            for (int i = 0; i < batch.size(); i++) {
                assertEquals(knownBefore.get(i), isKnown(batch.get(i).id()), "a refused batch left block " + i + " behind");
            }
        }
    }

    /** A block whose id and parent are fresh, known or earlier in the batch, as the fuzzer chooses. */
    private static Optional<Block> block(FuzzedDataProvider data, List<Block> batch) {
        Id id = pickId(data, batch);
        Id parent = pickId(data, batch);
        long height = data.consumeBoolean() ? data.consumeLong() : heightOf(parent, batch) + 1;
        byte[] payload = data.consumeBytes(data.consumeInt(0, 64));
        try {
            return Optional.of(new Block(id, parent, height, payload));
        } catch (IllegalArgumentException refused) {
            assertTrue(height < 1 || id.equals(parent), () -> "Block refused a well-formed block: " + refused.getMessage());
            return Optional.empty();
        }
    }

    private static Id pickId(FuzzedDataProvider data, List<Block> batch) {
        return switch (data.consumeInt(0, 3)) {
            case 0 -> Id.GENESIS;
            case 1 -> known.isEmpty() ? Id.GENESIS : known.get(data.consumeInt(0, known.size() - 1));
            case 2 -> batch.isEmpty() ? Id.GENESIS : batch.get(data.consumeInt(0, batch.size() - 1)).id();
            default -> Id.of(java.util.Arrays.copyOf(data.consumeBytes(Id.LENGTH), Id.LENGTH));
        };
    }

    /** The rules of {@link Chain#addBatch}, from the chain's public state. */
    private static boolean validByModel(List<Block> batch) {
        Map<Id, Long> earlier = new HashMap<>();
        for (Block b : batch) {
            Long parentHeight = earlier.containsKey(b.parentId()) ? earlier.get(b.parentId()) : knownHeight(b.parentId());
            if (parentHeight == null || b.height() != parentHeight + 1 || chain.isRejected(b.parentId())
                    || isKnown(b.id()) || earlier.containsKey(b.id())) {
                return false;
            }
            earlier.put(b.id(), b.height());
        }
        return true;
    }

    private static long heightOf(Id id, List<Block> batch) {
        for (Block b : batch) {
            if (b.id().equals(id)) {
                return b.height();
            }
        }
        Long h = knownHeight(id);
        return h == null ? 0 : h;
    }

    private static Long knownHeight(Id id) {
        return id.equals(Id.GENESIS) ? Long.valueOf(0) : chain.getBlock(id).map(Block::height).orElse(null);
    }

    private static boolean isKnown(Id id) {
        return id.equals(Id.GENESIS) || chain.getBlock(id).isPresent();
    }

    private static void remember(Id id) {
        if (known.size() < REMEMBERED) {
            known.add(id);
        } else {
            known.set(Math.floorMod(id.hashCode(), REMEMBERED), id);
        }
    }
}
