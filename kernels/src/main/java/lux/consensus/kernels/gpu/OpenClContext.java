package lux.consensus.kernels.gpu;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_MEM_READ_ONLY;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_MEM_WRITE_ONLY;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_mem;

/**
 * An OpenCL context with one in-order command queue on one device: builds programs, allocates
 * buffers, and knows how much device memory one batch may take. Close it to release the device.
 *
 * <p>Objects made here (programs, kernels, buffers) must be closed before the context. A context may
 * be used from several threads, but a kernel's arguments are per-object state: callers that share a
 * kernel between threads serialize its use.
 */
public final class OpenClContext implements AutoCloseable {

    /** Share of the device's global memory one batch may use: others (the display, other processes) share it. */
    static final int MEMORY_SHARE_PERCENT = 50;

    private final GpuDevice info;
    private final cl_device_id device;
    private final cl_context context;
    private final cl_command_queue queue;
    private volatile boolean closed;

    private OpenClContext(GpuDevice info, cl_device_id device, cl_context context, cl_command_queue queue) {
        this.info = info;
        this.device = device;
        this.context = context;
        this.queue = queue;
    }

    @SuppressWarnings("deprecation") // clCreateCommandQueue: OpenCL 1.2, so it runs on every driver
    static OpenClContext open(GpuDevices.Found found) {
        cl_context context = null;
        try {
            cl_context_properties properties = new cl_context_properties();
            properties.addProperty(CL_CONTEXT_PLATFORM, found.platform());
            context = CL.clCreateContext(properties, 1, new cl_device_id[] {found.device()}, null, null, null);
            cl_command_queue queue = CL.clCreateCommandQueue(context, found.device(), 0, null);
            return new OpenClContext(found.info(), found.device(), context, queue);
        } catch (CLException | LinkageError e) {
            if (context != null) {
                CL.clReleaseContext(context);
            }
            throw new GpuUnavailableException("OpenCL device " + found.info().describe() + " could not be opened: " + e, e);
        }
    }

    /** The device this context runs on. */
    public GpuDevice device() {
        return info;
    }

    /** The largest single buffer the device allows ({@code CL_DEVICE_MAX_MEM_ALLOC_SIZE}). */
    public long maxAllocBytes() {
        return info.maxAllocBytes();
    }

    /** Device memory one batch may use at once, all its buffers together: {@value #MEMORY_SHARE_PERCENT}% of global memory. */
    public long memoryBudgetBytes() {
        return info.globalMemBytes() / 100 * MEMORY_SHARE_PERCENT;
    }

    /**
     * How many items of a batch go to the device at once, so that each buffer stays within
     * {@link #maxAllocBytes()} and all of them within {@code budgetBytes}.
     *
     * @param budgetBytes  device memory the buffers may take together
     * @param bytesPerItem for each buffer, the bytes one item needs in it
     * @return at least 1
     * @throws GpuException if one item alone does not fit
     */
    public long itemsPerChunk(long budgetBytes, long... bytesPerItem) {
        long items = itemsThatFit(maxAllocBytes(), budgetBytes, bytesPerItem);
        if (items < 1) {
            long total = 0;
            for (long b : bytesPerItem) {
                total += b;
            }
            throw new GpuException("one item needs " + total + " bytes of device memory, more than device "
                    + info.name() + " gives one batch (budget " + budgetBytes + " bytes, largest buffer "
                    + maxAllocBytes() + " bytes)");
        }
        return items;
    }

    /**
     * The pure rule behind {@link #itemsPerChunk}: the largest n with {@code n * bytesPerItem[b] <= maxAlloc}
     * for every buffer b and {@code n * sum(bytesPerItem) <= budget}; 0 if not even one item fits, and
     * {@link Long#MAX_VALUE} if no buffer grows with the items.
     */
    static long itemsThatFit(long maxAlloc, long budget, long... bytesPerItem) {
        long items = Long.MAX_VALUE;
        long total = 0;
        for (long bytes : bytesPerItem) {
            if (bytes < 0) {
                throw new IllegalArgumentException("bytesPerItem must be >= 0, got " + bytes);
            }
            if (bytes > 0) {
                items = Math.min(items, maxAlloc / bytes);
                total += bytes;
            }
        }
        return total == 0 ? items : Math.min(items, budget / total);
    }

    /**
     * Compiles an OpenCL C program for this device.
     *
     * @param source  the program text
     * @param options build options, for example {@code "-cl-std=CL1.2"}; may be empty
     * @throws GpuException if it does not build; the message holds the compiler's build log
     */
    public OpenClProgram build(String name, String source, String options) {
        requireOpen();
        return OpenClProgram.build(this, name, source, options);
    }

    /**
     * Compiles the OpenCL C program stored in class-path resources (for example
     * {@code "lux/consensus/kernels/gpu/vote_tally.cl"}), their texts joined in order: a program may be built with
     * a shared source such as {@code keccak.cl} in front of its own.
     *
     * @throws IllegalStateException if a resource is missing
     * @throws GpuException          if it does not build; the message holds the build log
     */
    public OpenClProgram buildResources(String options, String... resources) {
        StringBuilder source = new StringBuilder();
        for (String resource : resources) {
            source.append(readResource(resource)).append('\n');
        }
        return build(String.join(" + ", resources), source.toString(), options);
    }

    /** The text of a class-path resource (UTF-8). */
    static String readResource(String resource) {
        try (InputStream in = OpenClContext.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("OpenCL source " + resource + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("OpenCL source " + resource + " could not be read: " + e, e);
        }
    }

    /** A buffer the kernels only read (inputs). */
    public OpenClBuffer input(long bytes) {
        return allocate(bytes, CL_MEM_READ_ONLY);
    }

    /** A buffer the kernels only write (outputs). */
    public OpenClBuffer output(long bytes) {
        return allocate(bytes, CL_MEM_WRITE_ONLY);
    }

    /** A buffer the kernels read and write. */
    public OpenClBuffer scratch(long bytes) {
        return allocate(bytes, CL_MEM_READ_WRITE);
    }

    private OpenClBuffer allocate(long bytes, long flags) {
        requireOpen();
        if (bytes <= 0) {
            throw new IllegalArgumentException("an OpenCL buffer needs at least 1 byte, got " + bytes);
        }
        if (bytes > maxAllocBytes()) {
            throw new GpuException("a buffer of " + bytes + " bytes is larger than device " + info.name()
                    + " allows (CL_DEVICE_MAX_MEM_ALLOC_SIZE = " + maxAllocBytes() + ")");
        }
        try {
            cl_mem mem = CL.clCreateBuffer(context, flags, bytes, null, null);
            return new OpenClBuffer(this, mem, bytes);
        } catch (CLException e) {
            throw failure("clCreateBuffer(" + bytes + " bytes)", e);
        }
    }

    /** Waits until every command queued so far has finished. */
    public void finish() {
        requireOpen();
        try {
            CL.clFinish(queue);
        } catch (CLException e) {
            throw failure("clFinish", e);
        }
    }

    /** A {@link GpuException} naming the call, the OpenCL error and this device. */
    GpuException failure(String call, CLException e) {
        return new GpuException("OpenCL " + call + " failed on device " + info.name() + " (" + info.platform() + "): "
                + e.getMessage(), e);
    }

    void requireOpen() {
        if (closed) {
            throw new IllegalStateException("OpenCL context on " + info.name() + " is closed");
        }
    }

    cl_context handle() {
        return context;
    }

    cl_device_id deviceHandle() {
        return device;
    }

    cl_command_queue queue() {
        return queue;
    }

    /** Releases the queue and the context; idempotent. Programs, kernels and buffers must be closed first. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            CL.clFinish(queue);
        } finally {
            CL.clReleaseCommandQueue(queue);
            CL.clReleaseContext(context);
        }
    }

    @Override
    public String toString() {
        return "OpenClContext[" + info.describe() + (closed ? ", closed" : "") + "]";
    }
}
