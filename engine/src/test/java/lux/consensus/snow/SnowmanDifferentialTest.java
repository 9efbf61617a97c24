package lux.consensus.snow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import lux.consensus.Config;
import lux.consensus.Id;
import lux.consensus.snow.SnowTestSupport.Recorder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Snowman} (inline counters for single-child blocks, trees only at forks) against
 * {@link ReferenceSnowman} (a snowball tree per block): the same blocks and polls must give the same
 * decisions in the same order, the same preference and the same poll statistics after every step.
 */
class SnowmanDifferentialTest {
    private static final Id GENESIS = Id.ofLong(0);

    @ParameterizedTest
    @EnumSource(PreferenceRule.class)
    void randomParameters_sameDecisionsAsTheReference(PreferenceRule rule) {
        for (long seed = 0; seed < 200; seed++) {
            Random random = new Random(seed * 7919 + rule.ordinal());
            int k = 1 + random.nextInt(12);
            int alphaPreference = k / 2 + 1 + random.nextInt(k - k / 2);
            int alphaConfidence = alphaPreference + random.nextInt(k - alphaPreference + 1);
            int beta = 1 + random.nextInt(6);
            run(Parameters.of(k, alphaPreference, alphaConfidence, beta), rule, random, "seed " + seed);
        }
    }

    /** The SDK's defaults (k 21), where forks are rarer and chains run deep: most blocks keep inline counters. */
    @ParameterizedTest
    @EnumSource(PreferenceRule.class)
    void sdkDefaults_sameDecisionsAsTheReference(PreferenceRule rule) {
        Parameters p = Config.defaults().parameters();
        for (long seed = 0; seed < 100; seed++) {
            run(p, rule, new Random(seed * 104_729 + rule.ordinal()), "defaults seed " + seed);
        }
    }

    /**
     * As an embedded network runs: chains of up to 120 blocks added at once, then polls that mostly vote for
     * the tip (some for blocks inside the chain, some for rivals), now and then a fork deep in the chain.
     */
    @ParameterizedTest
    @EnumSource(PreferenceRule.class)
    void batchesOfBlocks_sameDecisionsAsTheReference(PreferenceRule rule) {
        Parameters p = Config.defaults().parameters();
        for (long seed = 0; seed < 60; seed++) {
            Random random = new Random(seed * 15_485_863 + rule.ordinal());
            Recorder leanDecisions = new Recorder();
            Recorder referenceDecisions = new Recorder();
            Snowman lean = new Snowman(p, rule, GENESIS, 0, leanDecisions);
            ReferenceSnowman reference = new ReferenceSnowman(p, rule, GENESIS, 0, referenceDecisions);
            Map<Id, Long> heightOf = new HashMap<>();
            heightOf.put(GENESIS, 0L);
            VoteBag poll = new VoteBag();
            long nextId = 1;
            for (int round = 0; round < 40; round++) {
                String context = "batches seed " + seed + " " + rule + " round " + round;
                int batch = 1 + random.nextInt(120);
                Id parent = reference.preference();
                for (int i = 0; i < batch; i++) {
                    List<Id> processing = reference.processingIds();
                    processing.sort(null);
                    Id forkParent = random.nextInt(40) == 0 && !processing.isEmpty()
                            ? processing.get(random.nextInt(processing.size())) : null;
                    Id under = forkParent != null ? forkParent : parent;
                    Id id = SnowTestSupport.prefixed(seed * 1_000_000 + nextId++);
                    long height = heightOf.get(under) + 1;
                    heightOf.put(id, height);
                    assertEquals(reference.add(id, under, height), lean.add(id, under, height), context);
                    if (forkParent == null) {
                        parent = id;
                    }
                }
                for (int polls = random.nextInt(12); polls > 0; polls--) {
                    List<Id> processing = reference.processingIds();
                    processing.sort(null);
                    poll.clear();
                    for (int v = 0; v < p.k(); v++) {
                        int kind = random.nextInt(20);
                        if (kind < 17 || processing.isEmpty()) {
                            poll.add(reference.preference());
                        } else {
                            poll.add(processing.get(random.nextInt(processing.size())));
                        }
                    }
                    reference.recordPoll(poll);
                    lean.recordPoll(poll);
                    assertEquals(referenceDecisions.events, leanDecisions.events, context);
                    assertEquals(reference.preference(), lean.preference(), context);
                    assertEquals(reference.successfulPolls(), lean.successfulPolls(), context);
                    assertEquals(reference.confidentPolls(), lean.confidentPolls(), context);
                    assertEquals(reference.failedPolls(), lean.failedPolls(), context);
                }
                assertEquals(reference.numProcessing(), lean.numProcessing(), context);
            }
        }
    }

    private static void run(Parameters p, PreferenceRule rule, Random random, String trial) {
        Recorder leanDecisions = new Recorder();
        Recorder referenceDecisions = new Recorder();
        Snowman lean = new Snowman(p, rule, GENESIS, 0, leanDecisions);
        ReferenceSnowman reference = new ReferenceSnowman(p, rule, GENESIS, 0, referenceDecisions);
        Map<Id, Long> heightOf = new HashMap<>();
        heightOf.put(GENESIS, 0L);
        List<Id> added = new ArrayList<>();
        int forkPercent = random.nextInt(30); // how often a new block forks off instead of extending the tip
        int favouriteShare = 4 + random.nextInt(7); // out of 10 votes go to one favourite block
        Id favourite = GENESIS;
        VoteBag poll = new VoteBag();
        long nextId = 1;
        for (int step = 0; step < 400; step++) {
            String context = trial + " " + rule + " " + p + " step " + step;
            List<Id> processing = reference.processingIds();
            processing.sort(null); // an order independent of either implementation's map
            if (processing.size() < 40 && random.nextInt(5) < 2) {
                Id parent = pickParent(random, reference, processing, added, forkPercent);
                Id id = SnowTestSupport.prefixed(random.nextInt(1 << 20) * 4096L + nextId++);
                long height = heightOf.get(parent) + 1;
                heightOf.put(id, height);
                added.add(id);
                assertEquals(reference.add(id, parent, height), lean.add(id, parent, height), context);
            } else {
                poll.clear();
                if (!processing.isEmpty() && (!reference.isProcessing(favourite) || random.nextInt(6) == 0)) {
                    favourite = processing.get(random.nextInt(processing.size()));
                }
                for (int v = 0; v < p.k(); v++) {
                    int kind = random.nextInt(10);
                    if (kind < favouriteShare) {
                        poll.add(favourite);
                    } else if (kind < favouriteShare + 2 && !processing.isEmpty()) {
                        poll.add(processing.get(random.nextInt(processing.size())));
                    } else if (kind < favouriteShare + 3 && !added.isEmpty()) {
                        poll.add(added.get(random.nextInt(added.size()))); // maybe decided
                    } else {
                        poll.add(Id.ofLong(-1 - random.nextInt(3))); // unknown
                    }
                }
                reference.recordPoll(poll);
                lean.recordPoll(poll);
            }
            assertEquals(referenceDecisions.events, leanDecisions.events, context);
            assertEquals(reference.preference(), lean.preference(), context);
            assertEquals(reference.lastAcceptedId(), lean.lastAcceptedId(), context);
            assertEquals(reference.numProcessing(), lean.numProcessing(), context);
            assertEquals(new HashSet<>(reference.processingIds()), new HashSet<>(lean.processingIds()), context);
            for (Id id : processing) {
                assertEquals(reference.isPreferred(id), lean.isPreferred(id), context + " isPreferred " + id);
            }
            assertEquals(reference.pollCount(), lean.pollCount(), context);
            assertEquals(reference.successfulPolls(), lean.successfulPolls(), context);
            assertEquals(reference.confidentPolls(), lean.confidentPolls(), context);
            assertEquals(reference.failedPolls(), lean.failedPolls(), context);
        }
    }

    /** Mostly the preferred tip (a chain grows); sometimes a fork under a random processing block or a stale parent. */
    private static Id pickParent(Random random, ReferenceSnowman reference, List<Id> processing, List<Id> added,
            int forkPercent) {
        int r = random.nextInt(100);
        if (r < forkPercent / 4 && !added.isEmpty()) {
            return added.get(random.nextInt(added.size())); // possibly decided: rejected at once
        }
        if (r < forkPercent && !processing.isEmpty()) {
            return processing.get(random.nextInt(processing.size()));
        }
        if (r < forkPercent + 5) {
            return reference.lastAcceptedId();
        }
        return reference.preference();
    }
}
