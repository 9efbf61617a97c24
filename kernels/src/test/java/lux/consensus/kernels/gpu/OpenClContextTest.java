package lux.consensus.kernels.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenCL runtime on the preferred device: builds, copies, launches, limits, failures. */
class OpenClContextTest {

    private static OpenClContext context;

    @BeforeAll
    static void openDevice() {
        if (!GpuDevices.available()) {
            return; // each test skips, saying why (requireDevice)
        }
        context = GpuDevices.open();
    }

    @BeforeEach
    void requireDevice() {
        OpenClAssumptions.assumeDevice("OpenCL runtime");
    }

    @AfterAll
    static void closeDevice() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void runsAKernelOverARoundedUpRange() {
        String source = "__kernel void scale(__global const long *in, const uint n, const long k, __global long *out) {"
                + " ulong i = get_global_id(0); if (i >= n) return; out[i] = in[i] * k; }";
        long[] input = new long[1003];
        for (int i = 0; i < input.length; i++) {
            input[i] = i - 500;
        }
        long[] output = new long[input.length + 2];
        try (OpenClProgram program = context.build("scale.cl", source, "");
             OpenClKernel scale = program.kernel("scale");
             OpenClBuffer in = context.input(8L * 1001);
             OpenClBuffer out = context.output(8L * 1001)) {
            in.write(input, 2, 1001);
            scale.arg(0, in).arg(1, 1001).arg(2, -3L).arg(3, out).run(1001);
            out.read(output, 1, 1001);
        }
        assertEquals(0, output[0]);
        for (int i = 0; i < 1001; i++) {
            assertEquals((i + 2 - 500) * -3L, output[i + 1], "item " + i);
        }
        assertEquals(0, output[1002]);
    }

    @Test
    void copiesBytesAndIntsBothWays() {
        byte[] bytes = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        int[] ints = {10, 20, 30, 40};
        try (OpenClBuffer buffer = context.scratch(16)) {
            buffer.write(bytes, 1, 8);
            byte[] back = new byte[9];
            buffer.read(back, 0, 8);
            assertArrayEquals(new byte[] {2, 3, 4, 5, 6, 7, 8, 9, 0}, back);
            buffer.write(ints, 0, 4);
            int[] intsBack = new int[4];
            buffer.read(intsBack, 0, 4);
            assertArrayEquals(ints, intsBack);
            assertThrows(IllegalArgumentException.class, () -> buffer.write(new long[3], 0, 3));
            assertThrows(IndexOutOfBoundsException.class, () -> buffer.write(bytes, 5, 8));
        }
    }

    @Test
    void aProgramThatDoesNotBuildReportsTheBuildLog() {
        GpuException thrown = assertThrows(GpuException.class,
                () -> context.build("broken.cl", "__kernel void broken(__global int *x) { x[0] = undeclared_name; }", ""));
        String message = thrown.getMessage();
        assertTrue(message.startsWith("OpenCL program broken.cl did not build on device " + context.device().name()),
                message);
        assertTrue(message.contains("build log:") && message.contains("undeclared_name"), message);
    }

    @Test
    void aMissingKernelIsNamed() {
        try (OpenClProgram program = context.build("empty.cl", "__kernel void present(void) { }", "")) {
            GpuException thrown = assertThrows(GpuException.class, () -> program.kernel("absent"));
            assertTrue(thrown.getMessage().startsWith("OpenCL clCreateKernel(absent) in empty.cl failed on device"),
                    thrown.getMessage());
        }
    }

    @Test
    void buffersAreBoundedByTheDevice() {
        GpuException thrown = assertThrows(GpuException.class, () -> context.input(context.maxAllocBytes() + 1));
        assertTrue(thrown.getMessage().contains("CL_DEVICE_MAX_MEM_ALLOC_SIZE"), thrown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> context.output(0));
        assertTrue(context.memoryBudgetBytes() > 0 && context.memoryBudgetBytes() <= context.device().globalMemBytes());
    }

    @Test
    void chunksRespectTheBudgetAndTheLargestBuffer() {
        assertEquals(100, context.itemsPerChunk(1000, 4, 6));
        long perBuffer = context.maxAllocBytes() / 8;
        assertEquals(perBuffer, context.itemsPerChunk(Long.MAX_VALUE, 8, 1));
        GpuException thrown = assertThrows(GpuException.class, () -> context.itemsPerChunk(10, 8, 8));
        assertTrue(thrown.getMessage().startsWith("one item needs 16 bytes of device memory"), thrown.getMessage());
    }
}
