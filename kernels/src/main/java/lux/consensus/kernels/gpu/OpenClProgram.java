package lux.consensus.kernels.gpu;

import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;

import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_program;

/** A program built for one device; makes its kernels. Close the kernels first, then the program. */
public final class OpenClProgram implements AutoCloseable {

    private final OpenClContext context;
    private final String name;
    private final cl_program program;
    private boolean closed;

    private OpenClProgram(OpenClContext context, String name, cl_program program) {
        this.context = context;
        this.name = name;
        this.program = program;
    }

    static OpenClProgram build(OpenClContext context, String name, String source, String options) {
        cl_program program;
        try {
            program = CL.clCreateProgramWithSource(context.handle(), 1, new String[] {source}, null, null);
        } catch (CLException e) {
            throw context.failure("clCreateProgramWithSource(" + name + ")", e);
        }
        try {
            CL.clBuildProgram(program, 0, null, options == null ? "" : options, null, null);
            return new OpenClProgram(context, name, program);
        } catch (CLException e) {
            String log = buildLog(context, program);
            CL.clReleaseProgram(program);
            throw new GpuException("OpenCL program " + name + " did not build on device " + context.device().name()
                    + " (" + e.getMessage() + "); build log:\n" + log, e);
        }
    }

    /** The compiler's output for this device, or a note that it could not be read. */
    private static String buildLog(OpenClContext context, cl_program program) {
        try {
            long[] size = new long[1];
            CL.clGetProgramBuildInfo(program, context.deviceHandle(), CL_PROGRAM_BUILD_LOG, 0, null, size);
            byte[] log = new byte[(int) size[0]];
            CL.clGetProgramBuildInfo(program, context.deviceHandle(), CL_PROGRAM_BUILD_LOG, log.length, Pointer.to(log),
                    null);
            String text = GpuDevices.cString(log).strip();
            return text.isEmpty() ? "(empty)" : text;
        } catch (CLException e) {
            return "(the build log could not be read: " + e.getMessage() + ")";
        }
    }

    /**
     * The kernel function {@code kernelName} of this program.
     *
     * @throws GpuException if the program has no such kernel
     */
    public OpenClKernel kernel(String kernelName) {
        if (closed) {
            throw new IllegalStateException("OpenCL program " + name + " is closed");
        }
        try {
            return new OpenClKernel(context, kernelName, CL.clCreateKernel(program, kernelName, null));
        } catch (CLException e) {
            throw context.failure("clCreateKernel(" + kernelName + ") in " + name, e);
        }
    }

    /** Releases the program; idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            CL.clReleaseProgram(program);
        }
    }

    @Override
    public String toString() {
        return "OpenClProgram[" + name + "]";
    }
}
