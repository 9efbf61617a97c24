package lux.consensus.kernels.gpu;

import static org.jocl.CL.CL_DEVICE_GLOBAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_COMPUTE_UNITS;
import static org.jocl.CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ACCELERATOR;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_CPU;
import static org.jocl.CL.CL_DEVICE_TYPE_DEFAULT;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_DEVICE_VENDOR;
import static org.jocl.CL.CL_DEVICE_VERSION;
import static org.jocl.CL.CL_DEVICE_NOT_FOUND;
import static org.jocl.CL.CL_DRIVER_VERSION;
import static org.jocl.CL.CL_PLATFORM_NAME;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * The OpenCL devices of this machine, found once through JOCL, and the way to open one.
 *
 * <p>Nothing here crashes when OpenCL is missing: a missing loader library, no installed platform
 * (ICD), or JOCL's native library failing to load all end up as an empty {@link #list()} and a reason in
 * {@link #unavailableReason()}, and {@link #open()} throws a {@link GpuUnavailableException} with that
 * reason. Nor is OpenCL loaded where its drivers could replace the JVM's signal handlers unprotected
 * ({@link SignalChaining}): the reason then says how to preload HotSpot's {@code libjsig.so}.
 *
 * <p>System property {@value #DEVICE_PROPERTY}: the index in {@link #list()} or a case-insensitive part
 * of the device name picks the device {@link #open()} opens. Without it, the first GPU is taken, and
 * failing that the first device of any type (PoCL's CPU device, as in CI).
 */
public final class GpuDevices {

    /** Property choosing the device: an index into {@link #list()} or part of a device name. */
    public static final String DEVICE_PROPERTY = "lux.gpu.device";

    /** What to tell a user with no OpenCL at all. */
    static final String HOW_TO_INSTALL = "install an OpenCL driver and the loader JOCL opens (libOpenCL.so): on"
            + " Debian/Ubuntu the packages ocl-icd-opencl-dev and, for a CPU device, pocl-opencl-icd; for an NVIDIA GPU"
            + " the driver's libnvidia-opencl.so.1, registered in /etc/OpenCL/vendors/nvidia.icd";

    private GpuDevices() {
    }

    /** Every OpenCL device of every platform, in platform order; empty when OpenCL is unavailable. */
    public static List<GpuDevice> list() {
        return Discovery.INSTANCE.devices.stream().map(Found::info).toList();
    }

    /** Whether at least one OpenCL device can be opened. */
    public static boolean available() {
        return !Discovery.INSTANCE.devices.isEmpty();
    }

    /** Why no OpenCL device can be used (with what to install), or empty if some can. */
    public static Optional<String> unavailableReason() {
        return Optional.ofNullable(Discovery.INSTANCE.reason);
    }

    /**
     * Describes the devices for a report: one line per device, or the reason there are none.
     * For {@code lux profile}.
     */
    public static String describe() {
        Discovery found = Discovery.INSTANCE;
        if (found.devices.isEmpty()) {
            return "OpenCL: none (" + found.reason + ")";
        }
        StringJoiner lines = new StringJoiner("\n");
        for (Found device : found.devices) {
            lines.add("OpenCL " + device.info.describe());
        }
        return lines.toString();
    }

    /**
     * The device {@link #open()} would open: {@value #DEVICE_PROPERTY} if set, else the first GPU, else the
     * first device.
     *
     * @throws GpuUnavailableException  if there is no OpenCL device
     * @throws IllegalArgumentException if {@value #DEVICE_PROPERTY} names no device
     */
    public static GpuDevice preferred() {
        return choose(System.getProperty(DEVICE_PROPERTY)).info;
    }

    /**
     * Opens a context and command queue on the {@link #preferred()} device. Close it when done.
     *
     * @throws GpuUnavailableException  if there is no OpenCL device, or it cannot be opened
     * @throws IllegalArgumentException if {@value #DEVICE_PROPERTY} names no device
     */
    public static OpenClContext open() {
        return OpenClContext.open(choose(System.getProperty(DEVICE_PROPERTY)));
    }

    /**
     * Opens a context on the device at {@code index} in {@link #list()}.
     *
     * @throws GpuUnavailableException   if there is no OpenCL device, or it cannot be opened
     * @throws IndexOutOfBoundsException if there is no device at that index
     */
    public static OpenClContext open(int index) {
        List<Found> devices = requireDevices();
        return OpenClContext.open(devices.get(index));
    }

    static Found choose(String property) {
        List<Found> devices = requireDevices();
        if (property != null && !property.isBlank()) {
            String wanted = property.trim();
            if (wanted.chars().allMatch(Character::isDigit)) {
                int index = Integer.parseInt(wanted);
                if (index < devices.size()) {
                    return devices.get(index);
                }
            } else {
                for (Found device : devices) {
                    if (device.info.name().toLowerCase(Locale.ROOT).contains(wanted.toLowerCase(Locale.ROOT))) {
                        return device;
                    }
                }
            }
            throw new IllegalArgumentException(DEVICE_PROPERTY + "='" + property + "' names no OpenCL device; there are: "
                    + devices.stream().map(d -> d.info.describe()).toList());
        }
        for (Found device : devices) {
            if (device.info.isGpu()) {
                return device;
            }
        }
        return devices.get(0);
    }

    private static List<Found> requireDevices() {
        Discovery found = Discovery.INSTANCE;
        if (found.devices.isEmpty()) {
            throw new GpuUnavailableException("No OpenCL device: " + found.reason, found.cause);
        }
        return found.devices;
    }

    /** A device with the JOCL handles to open it. */
    record Found(cl_platform_id platform, cl_device_id device, GpuDevice info) {
    }

    /** The devices found on first use, or why there are none. */
    private static final class Discovery {

        static final Discovery INSTANCE = discover();

        final List<Found> devices;
        final String reason;
        final Throwable cause;

        private Discovery(List<Found> devices, String reason, Throwable cause) {
            this.devices = devices;
            this.reason = reason;
            this.cause = cause;
        }

        private static Discovery discover() {
            Optional<String> refusal = SignalChaining.refusal();
            if (refusal.isPresent()) {
                return new Discovery(List.of(), refusal.get(), null);
            }
            try {
                return new Discovery(enumerate(), null, null).orNone();
            } catch (CLException e) {
                // ocl-icd answers CL_PLATFORM_NOT_FOUND_KHR (-1001) when /etc/OpenCL/vendors lists no usable driver.
                return new Discovery(List.of(), "the OpenCL loader found no platform (" + e.getMessage()
                        + "); " + HOW_TO_INSTALL, e);
            } catch (LinkageError e) {
                // UnsatisfiedLinkError: JOCL's native library, or the libOpenCL.so.1 loader it opens, is missing;
                // NoClassDefFoundError: JOCL is not on the class path.
                return new Discovery(List.of(), "JOCL could not load OpenCL (" + e + "); " + HOW_TO_INSTALL, e);
            } catch (RuntimeException e) {
                // JOCL reports a loader without the entry points it needs as UnsupportedOperationException.
                return new Discovery(List.of(), "OpenCL could not be queried (" + e + "); " + HOW_TO_INSTALL, e);
            }
        }

        private Discovery orNone() {
            return devices.isEmpty()
                    ? new Discovery(devices, "OpenCL platforms are installed but offer no device; " + HOW_TO_INSTALL, null)
                    : this;
        }

        private static List<Found> enumerate() {
            CL.setExceptionsEnabled(true);
            int[] count = new int[1];
            CL.clGetPlatformIDs(0, null, count);
            cl_platform_id[] platforms = new cl_platform_id[count[0]];
            CL.clGetPlatformIDs(platforms.length, platforms, null);
            List<Found> found = new ArrayList<>();
            for (cl_platform_id platform : platforms) {
                String platformName = platformString(platform, CL_PLATFORM_NAME);
                cl_device_id[] devices;
                try {
                    CL.clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, count);
                    devices = new cl_device_id[count[0]];
                    CL.clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, devices.length, devices, null);
                } catch (CLException e) {
                    if (e.getStatus() == CL_DEVICE_NOT_FOUND) {
                        continue; // a platform with no device (a driver installed without its hardware)
                    }
                    throw e;
                }
                for (cl_device_id device : devices) {
                    GpuDevice info = new GpuDevice(found.size(), platformName,
                            deviceString(device, CL_DEVICE_NAME).trim(), deviceString(device, CL_DEVICE_VENDOR).trim(),
                            typeName(deviceLong(device, CL_DEVICE_TYPE)), deviceString(device, CL_DEVICE_VERSION).trim(),
                            deviceString(device, CL_DRIVER_VERSION).trim(), (int) deviceInt(device, CL_DEVICE_MAX_COMPUTE_UNITS),
                            deviceLong(device, CL_DEVICE_GLOBAL_MEM_SIZE), deviceLong(device, CL_DEVICE_MAX_MEM_ALLOC_SIZE));
                    found.add(new Found(platform, device, info));
                }
            }
            return List.copyOf(found);
        }
    }

    static String typeName(long type) {
        StringJoiner names = new StringJoiner("|");
        if ((type & CL_DEVICE_TYPE_GPU) != 0) {
            names.add("GPU");
        }
        if ((type & CL_DEVICE_TYPE_CPU) != 0) {
            names.add("CPU");
        }
        if ((type & CL_DEVICE_TYPE_ACCELERATOR) != 0) {
            names.add("ACCELERATOR");
        }
        if ((type & CL_DEVICE_TYPE_DEFAULT) != 0) {
            names.add("DEFAULT");
        }
        return names.length() == 0 ? "OTHER(" + type + ")" : names.toString();
    }

    static String platformString(cl_platform_id platform, int param) {
        long[] size = new long[1];
        CL.clGetPlatformInfo(platform, param, 0, null, size);
        byte[] bytes = new byte[(int) size[0]];
        CL.clGetPlatformInfo(platform, param, bytes.length, Pointer.to(bytes), null);
        return cString(bytes);
    }

    static String deviceString(cl_device_id device, int param) {
        long[] size = new long[1];
        CL.clGetDeviceInfo(device, param, 0, null, size);
        byte[] bytes = new byte[(int) size[0]];
        CL.clGetDeviceInfo(device, param, bytes.length, Pointer.to(bytes), null);
        return cString(bytes);
    }

    /** A {@code cl_ulong} (or {@code cl_bitfield}) device property. */
    static long deviceLong(cl_device_id device, int param) {
        long[] value = new long[1];
        CL.clGetDeviceInfo(device, param, Sizeof.cl_ulong, Pointer.to(value), null);
        return value[0];
    }

    /** A {@code cl_uint} device property. */
    static long deviceInt(cl_device_id device, int param) {
        int[] value = new int[1];
        CL.clGetDeviceInfo(device, param, Sizeof.cl_uint, Pointer.to(value), null);
        return Integer.toUnsignedLong(value[0]);
    }

    /** {@code size_t} device property. */
    static long deviceSize(cl_device_id device, int param) {
        long[] value = new long[1];
        CL.clGetDeviceInfo(device, param, Sizeof.size_t, Pointer.to(value), null);
        return value[0];
    }

    /** The text of a NUL-terminated C string. */
    static String cString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    }
}
