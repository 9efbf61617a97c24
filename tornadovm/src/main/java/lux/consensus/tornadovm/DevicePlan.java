package lux.consensus.tornadovm;

import java.util.List;
import lux.consensus.kernels.gpu.GpuException;

/** A compiled TornadoVM plan holding device memory, kept from call to call ({@link TallyPlan}, {@link MlDsaPlan}). */
interface DevicePlan extends AutoCloseable {

    /** Releases the plan's device memory. */
    @Override
    void close();

    /** Removes a plan that failed from {@code plans} (it is not reused); a failure to release it is added to {@code failure}. */
    static void discard(List<? extends DevicePlan> plans, DevicePlan plan, GpuException failure) {
        plans.remove(plan);
        try {
            plan.close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Closes every plan and empties the list; the first failure is thrown once all were tried, later ones suppressed. */
    static void closeAll(List<? extends DevicePlan> plans) {
        RuntimeException first = null;
        for (DevicePlan p : plans) {
            try {
                p.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        plans.clear();
        if (first != null) {
            throw first;
        }
    }
}
