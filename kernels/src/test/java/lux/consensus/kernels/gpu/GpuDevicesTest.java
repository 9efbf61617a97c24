package lux.consensus.kernels.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jocl.CL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Device discovery, and what a machine without OpenCL gets: a reason, never a crash. */
class GpuDevicesTest {

    @Test
    void listsDevicesOrSaysWhyNot() {
        List<GpuDevice> devices = GpuDevices.list();
        assertEquals(devices.isEmpty(), GpuDevices.unavailableReason().isPresent());
        assertEquals(!devices.isEmpty(), GpuDevices.available());
        String described = GpuDevices.describe();
        if (devices.isEmpty()) {
            assertTrue(described.startsWith("OpenCL: none ("), described);
            assertThrows(GpuUnavailableException.class, GpuDevices::open);
        }
        for (GpuDevice device : devices) {
            assertEquals(devices.indexOf(device), device.index());
            assertFalse(device.name().isBlank());
            assertTrue(device.computeUnits() > 0, device.describe());
            assertTrue(device.globalMemBytes() > 0, device.describe());
            assertTrue(device.maxAllocBytes() > 0 && device.maxAllocBytes() <= device.globalMemBytes(), device.describe());
            assertTrue(described.contains(device.name()), described);
        }
    }

    @Test
    void describesADeviceOnOneLine() {
        GpuDevice h100 = new GpuDevice(0, "NVIDIA CUDA", "NVIDIA H100 80GB HBM3", "NVIDIA Corporation", "GPU",
                "OpenCL 3.0 CUDA", "560.35", 132, 85_029_158_912L, 21_257_289_728L);
        assertEquals("#0 NVIDIA H100 80GB HBM3 (NVIDIA Corporation, GPU, 132 CU, 79.2 GiB, max buffer 19.8 GiB,"
                + " NVIDIA CUDA, OpenCL 3.0 CUDA)", h100.describe());
        assertTrue(h100.isGpu());
    }

    @Test
    void namesDeviceTypes() {
        assertEquals("GPU", GpuDevices.typeName(CL.CL_DEVICE_TYPE_GPU));
        assertEquals("CPU|DEFAULT", GpuDevices.typeName(CL.CL_DEVICE_TYPE_CPU | CL.CL_DEVICE_TYPE_DEFAULT));
        assertEquals("OTHER(0)", GpuDevices.typeName(0));
    }

    @Test
    void readsCStrings() {
        assertEquals("pocl", GpuDevices.cString(new byte[] {'p', 'o', 'c', 'l', 0, 'x'}));
        assertEquals("", GpuDevices.cString(new byte[0]));
    }

    @Test
    void unknownDeviceChoiceIsRefused() {
        assumeTrue(GpuDevices.available(), () -> "no OpenCL device: " + GpuDevices.unavailableReason().orElse(""));
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> GpuDevices.choose("no such device anywhere"));
        assertTrue(thrown.getMessage().startsWith(GpuDevices.DEVICE_PROPERTY + "='no such device anywhere' names no"),
                thrown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GpuDevices.choose("999"));
        assertEquals(GpuDevices.list().get(0), GpuDevices.choose("0").info());
    }

    /**
     * A JVM whose OpenCL loader finds no driver (ocl-icd reads the drivers from {@code OCL_ICD_VENDORS},
     * here an empty folder) lists no device, says why, and refuses to open one with
     * {@link GpuUnavailableException}. Runs where ocl-icd is the loader (Linux with libOpenCL.so.1).
     */
    @Test
    void aMachineWithoutDriversGetsAClearReason(@TempDir Path emptyVendors) throws IOException, InterruptedException {
        assumeTrue(GpuDevices.available(), () -> "no OpenCL loader with a driver here to hide: "
                + GpuDevices.unavailableReason().orElse(""));
        String output = OpenClProbe.runInChildJvm(List.of(), environment -> {
            environment.put("OCL_ICD_VENDORS", emptyVendors.toString());
            environment.remove("OPENCL_VENDOR_PATH");
        });
        // ocl-icd's loader honours OCL_ICD_VENDORS; others (NVIDIA's CUDA libOpenCL) find their driver anyway.
        assumeTrue(!output.contains("available=true"), "this OpenCL loader ignores OCL_ICD_VENDORS, so the driver cannot be hidden");
        assertTrue(output.contains("available=false"), output);
        assertTrue(output.contains("open: " + GpuUnavailableException.class.getName() + ": No OpenCL device: "),
                output);
        assertTrue(output.contains("pocl-opencl-icd"), output);
    }
}
