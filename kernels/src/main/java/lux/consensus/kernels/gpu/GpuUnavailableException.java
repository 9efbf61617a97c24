package lux.consensus.kernels.gpu;

/**
 * No usable OpenCL device here: no OpenCL loader library ({@code libOpenCL.so.1}), no installed
 * platform (ICD), no device, or JOCL's own native library could not load. The message says which,
 * and what to install. It is an {@link UnsupportedOperationException}, the exception the kernel
 * selection catches from a backend that cannot run on this machine.
 */
public class GpuUnavailableException extends UnsupportedOperationException {

    private static final long serialVersionUID = 1L;

    /** With a message saying why no device can be used, and how to fix it. */
    public GpuUnavailableException(String message) {
        super(message);
    }

    /** With a message and the low-level cause (a JOCL exception or a linkage error). */
    public GpuUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
