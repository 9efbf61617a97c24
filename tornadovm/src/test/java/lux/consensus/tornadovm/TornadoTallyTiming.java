package lux.consensus.tornadovm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import lux.consensus.kernels.tally.OpenClVoteTally;
import lux.consensus.kernels.tally.ScalarVoteTally;
import lux.consensus.kernels.tally.SimdVoteTally;
import lux.consensus.kernels.tally.VoteTally;

/**
 * A short timing of the vote tally backends in a JVM started with TornadoVM's flags, for
 * {@code scripts/tornadovm-test.sh timing}: TornadoVM (copies to and from the device included) against SIMD,
 * scalar and, when JOCL finds a device, the OpenCL backend, per batch size, k = 21 votes per poll, 3 candidates.
 * Not a JMH benchmark: best and median of a few runs after a warm-up. Every answer is checked against the scalar
 * reference, and a wrong one fails the run.
 *
 * <p>Usage: {@code TornadoTallyTiming [polls ...]}.
 */
public final class TornadoTallyTiming {

    static final int VOTES_PER_POLL = 21;
    static final int CANDIDATES = 3;
    static final int RUNS = 9;
    static final long WARMUP_NANOS = 1_000_000_000L;

    private TornadoTallyTiming() {
    }

    public static void main(String[] args) {
        String why = TornadoVm.absentReason().orElse(null);
        if (why != null) {
            throw new IllegalStateException("TornadoVM timing needs TornadoVM: " + why);
        }
        int[] sizes = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[] {1_000, 10_000, 100_000, 1_000_000};
        List<VoteTally> backends = new ArrayList<>();
        backends.add(new ScalarVoteTally());
        backends.add(SimdVoteTally.preferred());
        TornadoVoteTally tornado = new TornadoVoteTally();
        backends.add(tornado);
        System.out.println("TornadoVM device: " + tornado.device());
        try {
            OpenClVoteTally openCl = new OpenClVoteTally();
            backends.add(openCl);
            System.out.println("OpenCL (JOCL) device: " + openCl.context().device().describe());
        } catch (UnsupportedOperationException e) {
            System.out.println("OpenCL (JOCL) not timed: " + e.getMessage());
        }
        System.out.printf(Locale.ROOT, "%-12s %-14s %10s %10s %10s %14s%n", "backend", "op", "polls", "best ms",
                "median ms", "polls/s");
        SplittableRandom random = new SplittableRandom(0x7133_70L);
        for (int polls : sizes) {
            int length = polls * VOTES_PER_POLL;
            byte[] votes = new byte[length];
            long[] weights = new long[length];
            for (int i = 0; i < length; i++) {
                votes[i] = random.nextInt(100) < 85 ? (byte) random.nextInt(CANDIDATES) : VoteTally.NO_VOTE;
                weights[i] = random.nextLong(1_000_000_000L);
            }
            int[] expected = new int[polls * CANDIDATES];
            long[] expectedSums = new long[polls * CANDIDATES];
            backends.get(0).tally(votes, polls, VOTES_PER_POLL, CANDIDATES, expected);
            backends.get(0).tallyWeighted(votes, weights, polls, VOTES_PER_POLL, CANDIDATES, expectedSums);
            for (VoteTally backend : backends) {
                int[] counts = new int[expected.length];
                print(backend.name(), "tally", polls,
                        time(() -> backend.tally(votes, polls, VOTES_PER_POLL, CANDIDATES, counts)));
                require(Arrays.equals(expected, counts), backend.name() + " tally differs at polls=" + polls);
                long[] sums = new long[expectedSums.length];
                print(backend.name(), "tallyWeighted", polls,
                        time(() -> backend.tallyWeighted(votes, weights, polls, VOTES_PER_POLL, CANDIDATES, sums)));
                require(Arrays.equals(expectedSums, sums), backend.name() + " tallyWeighted differs at polls=" + polls);
            }
        }
        for (VoteTally backend : backends) {
            if (backend instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing " + backend.name(), e);
                }
            }
        }
    }

    /** Best and median nanoseconds of {@link #RUNS} runs after a warm-up of at least a second. */
    static long[] time(Runnable run) {
        long warmupEnd = System.nanoTime() + WARMUP_NANOS;
        for (int i = 0; i < 3 || System.nanoTime() < warmupEnd; i++) {
            run.run();
        }
        long[] nanos = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            run.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return new long[] {nanos[0], nanos[RUNS / 2]};
    }

    private static void print(String backend, String op, int polls, long[] bestMedian) {
        System.out.printf(Locale.ROOT, "%-12s %-14s %10d %10.3f %10.3f %14.0f%n", backend, op, polls,
                bestMedian[0] / 1e6, bestMedian[1] / 1e6, polls * 1e9 / bestMedian[0]);
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }
}
