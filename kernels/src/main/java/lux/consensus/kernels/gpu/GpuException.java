package lux.consensus.kernels.gpu;

/**
 * An OpenCL call failed on a device that was usable when it was opened: out of device memory, a
 * kernel that does not build, a lost device. The batch it was working on has no result (nothing was
 * written to the caller's output arrays for the failing part) and can be retried on the CPU.
 * The message names the call, the OpenCL error code and the device.
 */
public class GpuException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** With a message naming what failed. */
    public GpuException(String message) {
        super(message);
    }

    /** With a message naming what failed, and the JOCL exception behind it. */
    public GpuException(String message, Throwable cause) {
        super(message, cause);
    }
}
