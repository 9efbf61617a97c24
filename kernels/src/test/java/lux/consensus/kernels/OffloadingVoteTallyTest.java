package lux.consensus.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import lux.consensus.kernels.gpu.GpuException;
import lux.consensus.kernels.gpu.GpuUnavailableException;
import lux.consensus.kernels.tally.ScalarVoteTally;
import lux.consensus.kernels.tally.VoteTally;
import org.junit.jupiter.api.Test;

/** Routing by poll count, the CPU redo of a call the device fails, the fallback without a device, columns on the CPU. */
class OffloadingVoteTallyTest {

    /** The scalar reference, counting its calls; it can be made to fail after scribbling over the counts. */
    private static final class Counting implements VoteTally {
        final String name;
        final ScalarVoteTally reference = new ScalarVoteTally();
        final AtomicInteger calls = new AtomicInteger();
        volatile GpuException failure;

        Counting(String name) {
            this.name = name;
        }

        @Override
        public void tally(byte[] votes, int polls, int votesPerPoll, int candidates, int[] counts) {
            calls.incrementAndGet();
            if (failure != null) {
                Arrays.fill(counts, 0, polls * candidates, -7); // a device that failed half-way through
                throw failure;
            }
            reference.tally(votes, polls, votesPerPoll, candidates, counts);
        }

        @Override
        public void tallyWeighted(byte[] votes, long[] weights, int polls, int votesPerPoll, int candidates,
                long[] counts) {
            calls.incrementAndGet();
            if (failure != null) {
                Arrays.fill(counts, 0, polls * candidates, -7L);
                throw failure;
            }
            reference.tallyWeighted(votes, weights, polls, votesPerPoll, candidates, counts);
        }

        @Override
        public void tallyColumns(byte[] votes, int polls, int votesPerPoll, int candidates, int[] counts) {
            calls.incrementAndGet();
            reference.tallyColumns(votes, polls, votesPerPoll, candidates, counts);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int vectorBits() {
            return 0;
        }
    }

    private static final int K = 5;
    private static final int CANDIDATES = 3;

    private static byte[] votes(int polls) {
        byte[] votes = new byte[polls * K];
        for (int i = 0; i < votes.length; i++) {
            votes[i] = (byte) (i * 7 % 4 == 3 ? VoteTally.NO_VOTE : i * 7 % 4);
        }
        return votes;
    }

    private static int[] expected(int polls) {
        int[] counts = new int[polls * CANDIDATES];
        new ScalarVoteTally().tally(votes(polls), polls, K, CANDIDATES, counts);
        return counts;
    }

    private static int[] tally(VoteTally tally, int polls) {
        int[] counts = new int[polls * CANDIDATES];
        tally.tally(votes(polls), polls, K, CANDIDATES, counts);
        return counts;
    }

    @Test
    void callsFromTheThresholdGoToTheGpuAndSmallerOnesStayOnTheCpu() {
        Counting cpu = new Counting("cpu");
        Counting gpu = new Counting("gpu");
        AtomicInteger opened = new AtomicInteger();
        OffloadingVoteTally tally = new OffloadingVoteTally(cpu, () -> {
            opened.incrementAndGet();
            return gpu;
        }, 100);
        assertArrayEquals(expected(99), tally(tally, 99));
        assertEquals(0, opened.get(), "the GPU opens only when a large call comes");
        assertArrayEquals(expected(100), tally(tally, 100));
        long[] weighted = new long[150 * CANDIDATES];
        long[] weights = new long[150 * K];
        Arrays.fill(weights, 3);
        tally.tallyWeighted(votes(150), weights, 150, K, CANDIDATES, weighted);
        long[] reference = new long[150 * CANDIDATES];
        new ScalarVoteTally().tallyWeighted(votes(150), weights, 150, K, CANDIDATES, reference);
        assertArrayEquals(reference, weighted);
        assertEquals(1, cpu.calls.get());
        assertEquals(2, gpu.calls.get());
        assertEquals(1, opened.get(), "opened once");
        assertEquals("cpu+gpu>=100", tally.name());
    }

    @Test
    void columnCallsStayOnTheCpuWhateverTheirSize() {
        Counting cpu = new Counting("cpu");
        Counting gpu = new Counting("gpu");
        OffloadingVoteTally tally = new OffloadingVoteTally(cpu, () -> gpu, 1);
        int[] counts = new int[1000 * CANDIDATES];
        tally.tallyColumns(votes(1000), 1000, K, CANDIDATES, counts);
        int[] reference = new int[1000 * CANDIDATES];
        new ScalarVoteTally().tallyColumns(votes(1000), 1000, K, CANDIDATES, reference);
        assertArrayEquals(reference, counts);
        assertEquals(0, gpu.calls.get());
        assertEquals(1, cpu.calls.get());
    }

    @Test
    void aCallTheDeviceFailsIsDoneAgainOnTheCpuOverwritingWhatTheDeviceLeft() {
        Counting cpu = new Counting("cpu");
        Counting gpu = new Counting("gpu");
        gpu.failure = new GpuException("CL_OUT_OF_RESOURCES");
        OffloadingVoteTally tally = new OffloadingVoteTally(cpu, () -> gpu, 8);
        assertArrayEquals(expected(40), tally(tally, 40));
        long[] weighted = new long[40 * CANDIDATES];
        long[] weights = new long[40 * K];
        Arrays.fill(weights, 1);
        tally.tallyWeighted(votes(40), weights, 40, K, CANDIDATES, weighted);
        assertArrayEquals(Arrays.stream(expected(40)).asLongStream().toArray(), weighted);
        assertEquals(2, cpu.calls.get());
        gpu.failure = null;
        assertArrayEquals(expected(40), tally(tally, 40));
        assertEquals(3, gpu.calls.get(), "later large calls still try the GPU");
        assertEquals(2, cpu.calls.get());
    }

    @Test
    void withoutADeviceEveryCallStaysOnTheCpu() {
        Counting cpu = new Counting("cpu");
        AtomicInteger opened = new AtomicInteger();
        OffloadingVoteTally tally = new OffloadingVoteTally(cpu, () -> {
            opened.incrementAndGet();
            throw new GpuUnavailableException("no OpenCL platform");
        }, 2);
        assertArrayEquals(expected(5), tally(tally, 5));
        assertArrayEquals(expected(7), tally(tally, 7));
        assertEquals(2, cpu.calls.get());
        assertEquals(1, opened.get(), "a missing device is not looked for again");
    }

    @Test
    void badArgumentsAreThrownNotRetried() {
        Counting cpu = new Counting("cpu");
        Counting gpu = new Counting("gpu");
        OffloadingVoteTally tally = new OffloadingVoteTally(cpu, () -> gpu, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tally.tally(new byte[10], 4, K, CANDIDATES, new int[12]));
        assertEquals(1, gpu.calls.get());
        assertEquals(0, cpu.calls.get(), "not retried on the CPU: " + e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new OffloadingVoteTally(cpu, () -> gpu, 0));
    }
}
