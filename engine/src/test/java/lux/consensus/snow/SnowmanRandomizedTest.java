package lux.consensus.snow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import lux.consensus.Id;
import lux.consensus.snow.SnowTestSupport.Recorder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Random block trees and random polls: Snowman's invariants hold after every step. */
class SnowmanRandomizedTest {
    private static final Id GENESIS = Id.ofLong(0);

    /** The test's own record of every block it ever handed to Snowman. */
    private static final class Model {
        final Map<Id, Id> parentOf = new HashMap<>();
        final Map<Id, Long> heightOf = new HashMap<>();
        final List<Id> added = new ArrayList<>();
    }

    @ParameterizedTest
    @EnumSource(PreferenceRule.class)
    void randomTreesAndPolls_invariantsHoldAfterEveryStep(PreferenceRule rule) {
        for (long seed = 0; seed < 100; seed++) {
            runTrial(rule, seed);
        }
    }

    private static void runTrial(PreferenceRule rule, long seed) {
        Random random = new Random(seed * 31 + rule.ordinal());
        int k = 1 + random.nextInt(10);
        int alphaPreference = k / 2 + 1 + random.nextInt(k - k / 2);
        int alphaConfidence = alphaPreference + random.nextInt(k - alphaPreference + 1);
        int beta = 1 + random.nextInt(4);
        Parameters p = Parameters.of(k, alphaPreference, alphaConfidence, beta);
        Recorder recorder = new Recorder();
        Snowman sm = new Snowman(p, rule, GENESIS, 0, recorder);
        Model model = new Model();
        model.heightOf.put(GENESIS, 0L);
        String context = "seed " + seed + " " + rule + " " + p;
        long nextId = 1;
        VoteBag poll = new VoteBag();
        // Votes for one favourite block, kept for a few polls, let confidence build; the rest scatter.
        int favouriteShare = 5 + random.nextInt(6); // out of 10
        Id favourite = GENESIS;

        for (int step = 0; step < 300; step++) {
            List<Id> processing = sm.processingIds();
            if (processing.size() < 25 && random.nextInt(3) != 0) {
                Id parent = pickParent(random, sm, processing, model);
                Id id = SnowTestSupport.prefixed(seed * 100_000 + nextId++);
                long height = model.heightOf.get(parent) + 1;
                boolean parentLive = parent.equals(sm.lastAcceptedId()) || sm.isProcessing(parent);
                Id preferenceBefore = sm.preference();
                boolean added = sm.add(id, parent, height);
                assertEquals(parentLive, added, context);
                assertEquals(!added, recorder.rejected(id), context);
                if (added && parent.equals(preferenceBefore)) {
                    assertEquals(id, sm.preference(), context);
                }
                model.parentOf.put(id, parent);
                model.heightOf.put(id, height);
                model.added.add(id);
            } else {
                poll.clear();
                if (!processing.isEmpty() && (!sm.isProcessing(favourite) || random.nextInt(8) == 0)) {
                    favourite = processing.get(random.nextInt(processing.size()));
                }
                for (int v = 0; v < k; v++) {
                    int kind = random.nextInt(10);
                    if (kind < favouriteShare) {
                        poll.add(favourite);
                    } else if (kind < favouriteShare + 2 && !processing.isEmpty()) {
                        poll.add(processing.get(random.nextInt(processing.size())));
                    } else if (kind < favouriteShare + 3 && !model.added.isEmpty()) {
                        poll.add(model.added.get(random.nextInt(model.added.size()))); // maybe decided
                    } else {
                        poll.add(Id.ofLong(-1 - random.nextInt(5))); // unknown
                    }
                }
                sm.recordPoll(poll);
            }
            checkInvariants(sm, recorder, model, context + " step " + step);
        }
    }

    private static Id pickParent(Random random, Snowman sm, List<Id> processing, Model model) {
        int r = random.nextInt(10);
        if (r == 0 && !model.added.isEmpty()) {
            return model.added.get(random.nextInt(model.added.size())); // possibly decided: maybe rejected at once
        }
        if (r < 4 || processing.isEmpty()) {
            return sm.lastAcceptedId();
        }
        return processing.get(random.nextInt(processing.size()));
    }

    private static void checkInvariants(Snowman sm, Recorder recorder, Model model, String context) {
        Id lastAccepted = sm.lastAcceptedId();
        List<Id> processing = sm.processingIds();
        Set<Id> live = new HashSet<>(processing);
        assertEquals(processing.size(), live.size(), context);
        assertEquals(processing.size(), sm.numProcessing(), context);
        assertFalse(live.contains(lastAccepted), context);

        // Every processing block's parent is processing or the last accepted block.
        for (Id id : processing) {
            Id parent = model.parentOf.get(id);
            assertTrue(live.contains(parent) || parent.equals(lastAccepted), context + ": orphan " + id);
            assertTrue(recorder.undecided(id), context + ": decided block still processing " + id);
        }
        // Every block handed over is exactly one of processing, accepted, rejected (the recorder fails on
        // a block decided twice).
        for (Id id : model.added) {
            int states = (live.contains(id) ? 1 : 0) + (recorder.accepted(id) ? 1 : 0) + (recorder.rejected(id) ? 1 : 0);
            assertEquals(1, states, context + ": " + id);
        }
        // Accepted blocks form a chain from genesis, heights going up by exactly one.
        Id previous = GENESIS;
        long previousHeight = 0;
        for (int i = 0; i < recorder.acceptedOrder.size(); i++) {
            Id id = recorder.acceptedOrder.get(i);
            assertEquals(previous, model.parentOf.get(id), context);
            assertEquals(previousHeight + 1, recorder.acceptedHeights.get(i), context);
            previous = id;
            previousHeight++;
        }
        assertEquals(previous, lastAccepted, context);
        assertEquals(previousHeight, sm.lastAcceptedHeight(), context);

        // The preference is a processing leaf (or the last accepted block when nothing is processing), on a
        // chain of processing blocks from the last accepted block; isPreferred marks exactly that chain.
        Id preference = sm.preference();
        if (processing.isEmpty()) {
            assertEquals(lastAccepted, preference, context);
        } else {
            assertTrue(live.contains(preference), context + ": preference not processing");
        }
        for (Id id : processing) {
            assertFalse(model.parentOf.get(id).equals(preference), context + ": preference has a child " + id);
        }
        Set<Id> chain = new HashSet<>();
        for (Id b = preference; !b.equals(lastAccepted); b = model.parentOf.get(b)) {
            assertTrue(live.contains(b), context + ": preferred chain leaves the processing set at " + b);
            chain.add(b);
        }
        for (Id id : processing) {
            assertEquals(chain.contains(id), sm.isPreferred(id), context + ": isPreferred " + id);
        }
        assertFalse(sm.isPreferred(lastAccepted), context);
    }

    /**
     * avalanchego's RandomizedConsistencyTest: 50 blocks in a random tree above genesis, 100 nodes, k 20,
     * alpha 15, beta 20; each round one random undecided node polls k random nodes. All must agree.
     */
    @ParameterizedTest
    @EnumSource(PreferenceRule.class)
    void randomizedConsistency_oneHundredNodesAgreeOnFiftyTreeShapedBlocks(PreferenceRule rule) {
        Parameters p = Parameters.AVALANCHE_DEFAULTS;
        int numColors = 50;
        int numNodes = 100;
        Random random = new Random(0);
        Map<Id, Id> parentOf = new HashMap<>();
        Map<Id, Long> heightOf = new HashMap<>();
        List<Id> colors = new ArrayList<>();
        heightOf.put(GENESIS, 0L);
        for (int i = 0; i < numColors; i++) {
            Id id = SnowTestSupport.prefixed(random.nextLong());
            Id parent = i == 0 ? GENESIS : colors.get(random.nextInt(colors.size()));
            parentOf.put(id, parent);
            heightOf.put(id, heightOf.get(parent) + 1);
            colors.add(id);
        }
        List<Snowman> nodes = new ArrayList<>();
        List<Recorder> recorders = new ArrayList<>();
        for (int n = 0; n < numNodes; n++) {
            Recorder recorder = new Recorder();
            Snowman sm = new Snowman(p, rule, GENESIS, 0, recorder);
            List<Id> order = new ArrayList<>(colors);
            Collections.shuffle(order, random);
            order.sort(Comparator.comparing(heightOf::get)); // parents first, siblings shuffled
            for (Id id : order) {
                assertTrue(sm.add(id, parentOf.get(id), heightOf.get(id)));
            }
            nodes.add(sm);
            recorders.add(recorder);
        }
        List<Snowman> running = new ArrayList<>(nodes);
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < numNodes; i++) {
            all.add(i);
        }
        VoteBag poll = new VoteBag();
        int rounds = 0;
        while (!running.isEmpty()) {
            assertTrue(++rounds < 200_000, "no agreement after " + rounds + " rounds");
            int index = random.nextInt(running.size());
            Snowman sm = running.get(index);
            Collections.shuffle(all, random);
            poll.clear();
            for (int s = 0; s < p.k(); s++) {
                poll.add(nodes.get(all.get(s)).preference());
            }
            sm.recordPoll(poll);
            if (sm.numProcessing() == 0) {
                running.set(index, running.getLast());
                running.removeLast();
            }
        }
        Id agreed = nodes.get(0).preference();
        for (int n = 0; n < numNodes; n++) {
            assertEquals(agreed, nodes.get(n).preference());
            assertEquals(agreed, nodes.get(n).lastAcceptedId());
            assertEquals(recorders.get(0).acceptedOrder, recorders.get(n).acceptedOrder);
        }
    }
}
