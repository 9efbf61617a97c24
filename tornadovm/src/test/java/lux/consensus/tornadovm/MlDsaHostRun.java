package lux.consensus.tornadovm;

import static lux.consensus.tornadovm.MlDsaMath.N;

import java.lang.reflect.Field;
import lux.consensus.kernels.mldsa.MlDsaArguments;
import lux.consensus.kernels.mldsa.MlDsaParams;
import lux.consensus.kernels.mldsa.MlDsaSpec;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.types.arrays.ByteArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.arrays.LongArray;

/**
 * Runs the ML-DSA kernel code as plain Java on the host, thread by thread (a KernelContext whose globalIdx is set by
 * reflection), for screened items with one key per item: the kernels' logic checked apart from TornadoVM's compiler
 * (which {@code TornadoMlDsaVerifierTest} checks). Possible where reflection may set that field ({@link #possible()}).
 */
final class MlDsaHostRun {

    private MlDsaHostRun() {
    }

    /** Whether a host run can pose as thread g: whether reflection may set KernelContext's final field. */
    static boolean possible() {
        try {
            thread(1);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A KernelContext whose globalIdx is g: the kernel code run as thread g. */
    static KernelContext thread(int g) {
        KernelContext context = new KernelContext();
        try {
            Field index = KernelContext.class.getField("globalIdx");
            index.setAccessible(true);
            index.set(context, g);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot set KernelContext.globalIdx: " + e, e);
        }
        return context;
    }

    /** The kernels' answers for the items that pass the host's screening; false for the rest. */
    static boolean[] verify(MlDsaParams params, byte[][] pks, byte[][] messages, byte[][] signatures) {
        MlDsaSpec set = MlDsaSpec.of(params);
        int n = pks.length;
        boolean[] valid = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (MlDsaArguments.screen(set, pks[i], messages[i], signatures[i])) {
                valid[i] = one(set, pks[i], messages[i], signatures[i]);
            }
        }
        return valid;
    }

    private static boolean one(MlDsaSpec set, byte[] pk, byte[] message, byte[] signature) {
        IntArray p = IntArray.fromArray(MlDsaKernels.params(set, 1, 1));
        LongArray rc = LongArray.fromArray(MlDsaKeccak.constants());
        IntArray zetas = IntArray.fromArray(MlDsaMath.zetas());
        ByteArray pks = ByteArray.fromArray(pk);
        int pieces = MlDsaKernels.keyPieces(set.k(), set.l());
        IntArray aHat = new IntArray(set.k() * set.l() * N);
        IntArray t1Hat = new IntArray(set.k() * N);
        ByteArray tr = new ByteArray(MlDsaKernels.HASH_BYTES);
        LongArray keyState = new LongArray(pieces * MlDsaKeccak.STATE);
        for (int g = 0; g < pieces; g++) {
            MlDsaKernels.keys(thread(g), p, rc, zetas, pks, aHat, t1Hat, tr, keyState);
        }
        ByteArray msgs = ByteArray.fromArray(message.length == 0 ? new byte[1] : message);
        IntArray offsets = IntArray.fromElements(0, message.length);
        ByteArray result = new ByteArray(1);
        MlDsaKernels.verify(thread(0), p, rc, zetas, ByteArray.fromArray(signature), msgs, offsets, new IntArray(1), aHat,
                t1Hat, tr, new IntArray(MlDsaKernels.SCRATCH_INTS), new ByteArray(MlDsaKernels.SCRATCH_BYTES),
                new LongArray(MlDsaKeccak.STATE), result);
        return result.get(0) == 1;
    }
}
