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

    /** Both implementations with the same parameters, fed the same blocks and polls, and compared. */
    private static final class Pair {
        final Recorder leanDecisions = new Recorder();
        final Recorder referenceDecisions = new Recorder();
        final Snowman lean;
        final ReferenceSnowman reference;
        final Map<Id, Long> heightOf = new HashMap<>();

        Pair(Parameters p, PreferenceRule rule) {
            lean = new Snowman(p, rule, GENESIS, 0, leanDecisions);
            reference = new ReferenceSnowman(p, rule, GENESIS, 0, referenceDecisions);
            heightOf.put(GENESIS, 0L);
        }

        /** The processing blocks, in an order independent of either implementation's map. */
        List<Id> processing() {
            List<Id> processing = reference.processingIds();
            processing.sort(null);
            return processing;
        }

        void add(Id id, Id parent, String context) {
            long height = heightOf.get(parent) + 1;
            heightOf.put(id, height);
            assertEquals(reference.add(id, parent, height), lean.add(id, parent, height), context);
        }

        void recordPoll(VoteBag poll) {
            reference.recordPoll(poll);
            lean.recordPoll(poll);
        }

        void assertSameState(String context) {
            assertEquals(referenceDecisions.events, leanDecisions.events, context);
            assertEquals(reference.preference(), lean.preference(), context);
            assertEquals(reference.lastAcceptedId(), lean.lastAcceptedId(), context);
            assertEquals(reference.numProcessing(), lean.numProcessing(), context);
            assertEquals(new HashSet<>(reference.processingIds()), new HashSet<>(lean.processingIds()), context);
            for (Id id : reference.processingIds()) {
                assertEquals(reference.isPreferred(id), lean.isPreferred(id), context + " isPreferred " + id);
            }
            assertEquals(reference.pollCount(), lean.pollCount(), context);
            assertEquals(reference.successfulPolls(), lean.successfulPolls(), context);
            assertEquals(reference.confidentPolls(), lean.confidentPolls(), context);
            assertEquals(reference.failedPolls(), lean.failedPolls(), context);
        }
    }

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
            Pair pair = new Pair(p, rule);
            VoteBag poll = new VoteBag();
            long nextId = 1;
            for (int round = 0; round < 40; round++) {
                String context = "batches seed " + seed + " " + rule + " round " + round;
                int batch = 1 + random.nextInt(120);
                Id parent = pair.reference.preference();
                for (int i = 0; i < batch; i++) {
                    List<Id> processing = pair.processing();
                    Id forkParent = random.nextInt(40) == 0 && !processing.isEmpty()
                            ? processing.get(random.nextInt(processing.size())) : null;
                    Id id = SnowTestSupport.prefixed(seed * 1_000_000 + nextId++);
                    pair.add(id, forkParent != null ? forkParent : parent, context);
                    if (forkParent == null) {
                        parent = id;
                    }
                }
                for (int polls = random.nextInt(12); polls > 0; polls--) {
                    List<Id> processing = pair.processing();
                    poll.clear();
                    for (int v = 0; v < p.k(); v++) {
                        int kind = random.nextInt(20);
                        if (kind < 17 || processing.isEmpty()) {
                            poll.add(pair.reference.preference());
                        } else {
                            poll.add(processing.get(random.nextInt(processing.size())));
                        }
                    }
                    pair.recordPoll(poll);
                    pair.assertSameState(context);
                }
            }
        }
    }

    private static void run(Parameters p, PreferenceRule rule, Random random, String trial) {
        Pair pair = new Pair(p, rule);
        List<Id> added = new ArrayList<>();
        int forkPercent = random.nextInt(30); // how often a new block forks off instead of extending the tip
        int favouriteShare = 4 + random.nextInt(7); // out of 10 votes go to one favourite block
        Id favourite = GENESIS;
        VoteBag poll = new VoteBag();
        long nextId = 1;
        for (int step = 0; step < 400; step++) {
            String context = trial + " " + rule + " " + p + " step " + step;
            List<Id> processing = pair.processing();
            if (processing.size() < 40 && random.nextInt(5) < 2) {
                Id parent = pickParent(random, pair.reference, processing, added, forkPercent);
                Id id = SnowTestSupport.prefixed(random.nextInt(1 << 20) * 4096L + nextId++);
                added.add(id);
                pair.add(id, parent, context);
            } else {
                poll.clear();
                if (!processing.isEmpty() && (!pair.reference.isProcessing(favourite) || random.nextInt(6) == 0)) {
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
                pair.recordPoll(poll);
            }
            pair.assertSameState(context);
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
