package lux.consensus.kernels.gpu;

import static org.jocl.CL.CL_MAP_WRITE;
import static org.jocl.CL.CL_MEM_ALLOC_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_ONLY;
import static org.jocl.CL.CL_TRUE;

import java.nio.ByteBuffer;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_mem;

/**
 * Host memory the driver allocates ({@code CL_MEM_ALLOC_HOST_PTR}: page-locked on NVIDIA's and AMD's drivers),
 * mapped once for the host to write through a direct {@link ByteBuffer}, from which device buffers are filled.
 * The host packs a batch straight into it and a copy to the device then runs at DMA speed, where a Java array
 * would first be copied by JOCL and then staged by the driver through its own page-locked memory.
 *
 * <p>At most {@link Integer#MAX_VALUE} bytes (the reach of a {@link ByteBuffer}). Used by one thread at a time,
 * except that disjoint ranges of {@link #buffer()} may be written by several threads with absolute puts.
 */
final class OpenClPinnedBuffer implements AutoCloseable {

    private final OpenClContext context;
    private final cl_mem mem;
    private final ByteBuffer mapped;
    private final long bytes;
    private boolean closed;

    private OpenClPinnedBuffer(OpenClContext context, cl_mem mem, ByteBuffer mapped, long bytes) {
        this.context = context;
        this.mem = mem;
        this.mapped = mapped;
        this.bytes = bytes;
    }

    /**
     * Allocates and maps {@code bytes} bytes.
     *
     * @throws GpuException if the driver cannot allocate or map them
     */
    static OpenClPinnedBuffer allocate(OpenClContext context, long bytes) {
        context.requireOpen();
        if (bytes <= 0 || bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a pinned buffer takes 1 to " + Integer.MAX_VALUE + " bytes, got " + bytes);
        }
        cl_mem mem;
        try {
            mem = CL.clCreateBuffer(context.handle(), CL_MEM_READ_ONLY | CL_MEM_ALLOC_HOST_PTR, bytes, null, null);
        } catch (CLException e) {
            throw context.failure("clCreateBuffer(" + bytes + " bytes, CL_MEM_ALLOC_HOST_PTR)", e);
        }
        try {
            ByteBuffer mapped = CL.clEnqueueMapBuffer(context.queue(), mem, CL_TRUE, CL_MAP_WRITE, 0, bytes, 0, null,
                    null, null);
            return new OpenClPinnedBuffer(context, mem, mapped, bytes);
        } catch (CLException e) {
            CL.clReleaseMemObject(mem);
            throw context.failure("clEnqueueMapBuffer(" + bytes + " bytes)", e);
        }
    }

    /** Size in bytes. */
    long bytes() {
        return bytes;
    }

    /** The mapped memory; write it with absolute puts (its position stays 0). */
    ByteBuffer buffer() {
        return mapped;
    }

    /** Copies the first {@code count} bytes to the start of {@code device}, and waits for the copy. */
    void copyTo(OpenClBuffer device, long count) {
        if (closed) {
            throw new IllegalStateException("pinned buffer is closed");
        }
        if (count < 0 || count > bytes || count > device.bytes()) {
            throw new IllegalArgumentException("copy of " + count + " bytes from a pinned buffer of " + bytes
                    + " to a device buffer of " + device.bytes());
        }
        if (count == 0) {
            return;
        }
        try {
            CL.clEnqueueWriteBuffer(context.queue(), device.handle(), CL_TRUE, 0, count, Pointer.to(mapped), 0, null,
                    null);
        } catch (CLException e) {
            throw context.failure("clEnqueueWriteBuffer(" + count + " bytes from pinned memory)", e);
        }
    }

    /** Unmaps and releases the memory; idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                CL.clEnqueueUnmapMemObject(context.queue(), mem, mapped, 0, null, null);
                CL.clFinish(context.queue());
            } finally {
                CL.clReleaseMemObject(mem);
            }
        }
    }
}
