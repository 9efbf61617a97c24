package lux.consensus.kernels.gpu;

import static org.jocl.CL.CL_KERNEL_WORK_GROUP_SIZE;

import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;

/**
 * One kernel function: set its arguments, then {@link #run} it over a number of work-items.
 * Arguments are state of this object, so one thread at a time may use it.
 *
 * <p>Work-items are launched in groups of {@link #groupSize()}, so the global size is rounded up to a
 * multiple of it: every kernel receives the real item count as an argument and returns early for
 * {@code get_global_id(0) >= count}. (Leaving the group size to the driver lets it pick groups of 1 for
 * a prime item count, which wastes most of a GPU.)
 */
public final class OpenClKernel implements AutoCloseable {

    /** Work-items per group unless the kernel allows fewer: a multiple of NVIDIA's 32-wide warps and AMD's 64-wide waves. */
    static final long PREFERRED_GROUP = 128;

    private final OpenClContext context;
    private final String name;
    private final cl_kernel kernel;
    private final long groupSize;
    private boolean closed;

    OpenClKernel(OpenClContext context, String name, cl_kernel kernel) {
        this.context = context;
        this.name = name;
        this.kernel = kernel;
        long[] max = new long[1];
        try {
            CL.clGetKernelWorkGroupInfo(kernel, context.deviceHandle(), CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t,
                    Pointer.to(max), null);
        } catch (CLException e) {
            CL.clReleaseKernel(kernel);
            throw context.failure("clGetKernelWorkGroupInfo(" + name + ")", e);
        }
        this.groupSize = Math.max(1, Math.min(PREFERRED_GROUP, max[0]));
    }

    /** Work-items per group this kernel is launched with. */
    public long groupSize() {
        return groupSize;
    }

    /** Sets argument {@code index} to a buffer. */
    public OpenClKernel arg(int index, OpenClBuffer buffer) {
        return set(index, Sizeof.cl_mem, Pointer.to(buffer.handle()));
    }

    /** Sets argument {@code index} to a 32-bit integer ({@code int} or {@code uint} in OpenCL C). */
    public OpenClKernel arg(int index, int value) {
        return set(index, Sizeof.cl_int, Pointer.to(new int[] {value}));
    }

    /** Sets argument {@code index} to a 64-bit integer ({@code long} or {@code ulong} in OpenCL C). */
    public OpenClKernel arg(int index, long value) {
        return set(index, Sizeof.cl_long, Pointer.to(new long[] {value}));
    }

    private OpenClKernel set(int index, long size, Pointer value) {
        requireOpen();
        try {
            CL.clSetKernelArg(kernel, index, size, value);
            return this;
        } catch (CLException e) {
            throw context.failure("clSetKernelArg(" + name + ", " + index + ")", e);
        }
    }

    /**
     * Queues the kernel over {@code items} work-items (rounded up to whole groups) and waits for it.
     * Does nothing for 0 items.
     */
    public void run(long items) {
        requireOpen();
        if (items < 0) {
            throw new IllegalArgumentException("items must be >= 0, got " + items);
        }
        if (items == 0) {
            return;
        }
        long global = (items + groupSize - 1) / groupSize * groupSize;
        try {
            CL.clEnqueueNDRangeKernel(context.queue(), kernel, 1, null, new long[] {global}, new long[] {groupSize}, 0,
                    null, null);
            CL.clFinish(context.queue());
        } catch (CLException e) {
            throw context.failure("kernel " + name + " over " + items + " work-items", e);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("OpenCL kernel " + name + " is closed");
        }
    }

    /** Releases the kernel; idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            CL.clReleaseKernel(kernel);
        }
    }

    @Override
    public String toString() {
        return "OpenClKernel[" + name + ", group " + groupSize + "]";
    }
}
