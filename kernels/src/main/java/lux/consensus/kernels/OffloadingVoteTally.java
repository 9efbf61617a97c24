package lux.consensus.kernels;

import java.util.function.Supplier;
import lux.consensus.kernels.gpu.GpuException;
import lux.consensus.kernels.tally.VoteTally;

/**
 * Automatic GPU offload of vote tallies, as a hardware profile asks for it: {@link #tally} and
 * {@link #tallyWeighted} calls of at least {@code minBatch} polls go to the GPU tally, smaller ones to the CPU
 * tally, which computes the same function. Column-layout calls ({@link #tallyColumns}) always stay on the CPU:
 * the GPU backends have no column kernel, and transposing on the host costs about what the CPU's column kernel
 * does.
 *
 * <p>The GPU is opened on the first large call ({@link LazyGpu}: without a device, one WARN line and every call
 * stays on the CPU). A call the device fails ({@link GpuException}) is done again on the CPU, which overwrites
 * the whole counts prefix: nothing half-written is returned. Bad arguments are the caller's error on either
 * device and are thrown, not retried.
 */
final class OffloadingVoteTally implements VoteTally {

    private final VoteTally cpu;
    private final LazyGpu<VoteTally> gpu;

    /**
     * @param cpu      tallies calls below {@code minBatch} polls, column-layout calls, and any call the GPU cannot
     * @param openGpu  opens the GPU tally; may throw {@link UnsupportedOperationException} (no device)
     * @param minBatch smallest number of polls sent to the GPU, {@code >= 1}
     */
    OffloadingVoteTally(VoteTally cpu, Supplier<VoteTally> openGpu, int minBatch) {
        this.cpu = cpu;
        this.gpu = new LazyGpu<>("vote tallies", minBatch, cpu.name(), openGpu, VoteTally::name);
    }

    @Override
    public void tally(byte[] votes, int polls, int votesPerPoll, int candidates, int[] counts) {
        VoteTally device = gpu.forBatch(polls);
        if (device != null) {
            try {
                device.tally(votes, polls, votesPerPoll, candidates, counts);
                return;
            } catch (GpuException e) {
                gpu.deviceFailed(polls, e);
            }
        }
        cpu.tally(votes, polls, votesPerPoll, candidates, counts);
    }

    @Override
    public void tallyWeighted(byte[] votes, long[] weights, int polls, int votesPerPoll, int candidates,
            long[] counts) {
        VoteTally device = gpu.forBatch(polls);
        if (device != null) {
            try {
                device.tallyWeighted(votes, weights, polls, votesPerPoll, candidates, counts);
                return;
            } catch (GpuException e) {
                gpu.deviceFailed(polls, e);
            }
        }
        cpu.tallyWeighted(votes, weights, polls, votesPerPoll, candidates, counts);
    }

    @Override
    public void tallyColumns(byte[] votes, int polls, int votesPerPoll, int candidates, int[] counts) {
        cpu.tallyColumns(votes, polls, votesPerPoll, candidates, counts);
    }

    @Override
    public String name() {
        return cpu.name() + "+gpu>=" + gpu.minBatch();
    }

    @Override
    public int vectorBits() {
        return cpu.vectorBits();
    }

    @Override
    public String toString() {
        return "OffloadingVoteTally[" + name() + "]";
    }
}
