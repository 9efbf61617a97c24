package lux.consensus.kernels.gpu;

import static org.jocl.CL.CL_TRUE;

import java.util.Objects;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_mem;

/**
 * A device buffer and blocking copies between it and Java arrays. Every copy starts at the beginning of
 * the buffer and takes a range of the array, so a large array goes through one buffer in chunks.
 */
public final class OpenClBuffer implements AutoCloseable {

    private final OpenClContext context;
    private final cl_mem mem;
    private final long bytes;
    private boolean closed;

    OpenClBuffer(OpenClContext context, cl_mem mem, long bytes) {
        this.context = context;
        this.mem = mem;
        this.bytes = bytes;
    }

    /** Size in bytes. */
    public long bytes() {
        return bytes;
    }

    /** Copies {@code src[from .. from+count)} to the start of the buffer. */
    public void write(byte[] src, int from, int count) {
        Objects.checkFromIndexSize(from, count, src.length);
        copyIn(Pointer.to(src).withByteOffset(from), count, "byte");
    }

    /** Copies {@code src[from .. from+count)} to the start of the buffer. */
    public void write(int[] src, int from, int count) {
        Objects.checkFromIndexSize(from, count, src.length);
        copyIn(Pointer.to(src).withByteOffset((long) from * Sizeof.cl_int), (long) count * Sizeof.cl_int, "int");
    }

    /** Copies {@code src[from .. from+count)} to the start of the buffer. */
    public void write(long[] src, int from, int count) {
        Objects.checkFromIndexSize(from, count, src.length);
        copyIn(Pointer.to(src).withByteOffset((long) from * Sizeof.cl_long), (long) count * Sizeof.cl_long, "long");
    }

    /** Copies the first {@code count} bytes of the buffer to {@code dst[to .. to+count)}. */
    public void read(byte[] dst, int to, int count) {
        Objects.checkFromIndexSize(to, count, dst.length);
        copyOut(Pointer.to(dst).withByteOffset(to), count, "byte");
    }

    /** Copies the first {@code count} ints of the buffer to {@code dst[to .. to+count)}. */
    public void read(int[] dst, int to, int count) {
        Objects.checkFromIndexSize(to, count, dst.length);
        copyOut(Pointer.to(dst).withByteOffset((long) to * Sizeof.cl_int), (long) count * Sizeof.cl_int, "int");
    }

    /** Copies the first {@code count} longs of the buffer to {@code dst[to .. to+count)}. */
    public void read(long[] dst, int to, int count) {
        Objects.checkFromIndexSize(to, count, dst.length);
        copyOut(Pointer.to(dst).withByteOffset((long) to * Sizeof.cl_long), (long) count * Sizeof.cl_long, "long");
    }

    private void copyIn(Pointer src, long byteCount, String type) {
        check(byteCount);
        if (byteCount == 0) {
            return;
        }
        try {
            CL.clEnqueueWriteBuffer(context.queue(), mem, CL_TRUE, 0, byteCount, src, 0, null, null);
        } catch (CLException e) {
            throw context.failure("clEnqueueWriteBuffer(" + byteCount + " bytes of " + type + "[])", e);
        }
    }

    private void copyOut(Pointer dst, long byteCount, String type) {
        check(byteCount);
        if (byteCount == 0) {
            return;
        }
        try {
            CL.clEnqueueReadBuffer(context.queue(), mem, CL_TRUE, 0, byteCount, dst, 0, null, null);
        } catch (CLException e) {
            throw context.failure("clEnqueueReadBuffer(" + byteCount + " bytes to " + type + "[])", e);
        }
    }

    private void check(long byteCount) {
        if (closed) {
            throw new IllegalStateException("OpenCL buffer is closed");
        }
        if (byteCount < 0 || byteCount > bytes) {
            throw new IllegalArgumentException("copy of " + byteCount + " bytes does not fit a buffer of " + bytes);
        }
    }

    cl_mem handle() {
        return mem;
    }

    /** Releases the device memory; idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            CL.clReleaseMemObject(mem);
        }
    }
}
