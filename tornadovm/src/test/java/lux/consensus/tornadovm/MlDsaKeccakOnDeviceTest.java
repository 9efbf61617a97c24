package lux.consensus.tornadovm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import lux.consensus.kernels.keccak.Shake;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.ac.manchester.tornado.api.GridScheduler;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.WorkerGrid1D;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.types.arrays.ByteArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.arrays.LongArray;

/**
 * {@link MlDsaKeccak} compiled by TornadoVM: each step of the permutation on a random state, and SHAKE on random
 * inputs, against the same code run on the host and against the kernels module's SHAKE. Runs only under TornadoVM.
 */
class MlDsaKeccakOnDeviceTest {

    /** step[0]: 0 theta, 1 rho and pi, 2 chi, 3 the permutation, 4 SHAKE of in[0 .. step[1]) at rate step[2]. */
    static void run(KernelContext context, IntArray step, LongArray kc, LongArray st, ByteArray in, ByteArray out) {
        if (context.globalIdx == 0) {
            int what = step.get(0);
            if (what == 0) {
                MlDsaKeccak.theta(st, 0);
            } else if (what == 1) {
                MlDsaKeccak.rhoPi(st, 0, kc);
            } else if (what == 2) {
                MlDsaKeccak.chi(st, 0);
            } else if (what == 3) {
                MlDsaKeccak.permute(st, 0, kc);
            } else {
                int rate = step.get(2);
                MlDsaKeccak.clear(st, 0);
                int pos = MlDsaKeccak.absorb(st, 0, 0, in, 0, step.get(1), rate, kc);
                MlDsaKeccak.finish(st, 0, pos, rate, kc);
                pos = 0;
                for (int i = 0; i < out.getSize(); i++) {
                    if (pos == rate) {
                        MlDsaKeccak.permute(st, 0, kc);
                        pos = 0;
                    }
                    out.set(i, (byte) MlDsaKeccak.byteAt(st, 0, pos));
                    pos++;
                }
            }
        }
    }

    @BeforeEach
    void requireTornadoVm() {
        TornadoAssumptions.assumeTornadoVm();
    }

    @Test
    void eachStepAndShakeAgreeWithTheHost() throws Exception {
        IntArray step = new IntArray(3);
        LongArray kc = LongArray.fromArray(MlDsaKeccak.constants());
        LongArray st = new LongArray(MlDsaKeccak.STATE);
        ByteArray in = new ByteArray(400);
        ByteArray out = new ByteArray(300);
        WorkerGrid1D grid = new WorkerGrid1D(1);
        TaskGraph graph = new TaskGraph("keccakProbe")
                .transferToDevice(DataTransferMode.EVERY_EXECUTION, step, kc, st, in)
                .task("run", MlDsaKeccakOnDeviceTest::run, new KernelContext(), step, kc, st, in, out)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, st, out);
        SplittableRandom random = new SplittableRandom(0x6EC);
        try (TornadoExecutionPlan plan = new TornadoExecutionPlan(graph.snapshot())
                .withGridScheduler(new GridScheduler("keccakProbe.run", grid))) {
            for (int what = 0; what < 4; what++) {
                long[] start = new long[MlDsaKeccak.STATE];
                LongArray host = new LongArray(MlDsaKeccak.STATE);
                for (int i = 0; i < start.length; i++) {
                    start[i] = random.nextLong();
                    st.set(i, start[i]);
                    host.set(i, start[i]);
                }
                step.set(0, what);
                plan.execute();
                switch (what) {
                    case 0 -> MlDsaKeccak.theta(host, 0);
                    case 1 -> MlDsaKeccak.rhoPi(host, 0, kc);
                    case 2 -> MlDsaKeccak.chi(host, 0);
                    default -> MlDsaKeccak.permute(host, 0, kc);
                }
                assertArrayEquals(host.toHeapArray(), st.toHeapArray(), "step " + what);
            }
            for (int length : new int[] {0, 1, 135, 136, 137, 168, 399}) {
                for (int rate : new int[] {MlDsaKeccak.RATE_128, MlDsaKeccak.RATE_256}) {
                    byte[] input = new byte[length];
                    random.nextBytes(input);
                    for (int i = 0; i < length; i++) {
                        in.set(i, input[i]);
                    }
                    step.set(0, 4);
                    step.set(1, length);
                    step.set(2, rate);
                    plan.execute();
                    byte[] expected = new byte[out.getSize()];
                    (rate == Shake.RATE_128 ? Shake.shake128() : Shake.shake256()).absorb(input)
                            .squeeze(expected, 0, expected.length);
                    assertArrayEquals(expected, out.toHeapArray(), "SHAKE rate " + rate + " length " + length);
                }
            }
        }
    }
}
