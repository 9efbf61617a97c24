package lux.consensus.kernels.gpu;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jocl.CL;

/**
 * Prints what OpenCL discovery says and whether the preferred device opens. Run in a child JVM by
 * {@link GpuDevicesTest} and {@link SignalChainingTest} (with the drivers hidden, or without signal chaining),
 * and by {@code scripts/gpu-check.sh} on a GPU machine.
 */
public final class OpenClProbe {

    private OpenClProbe() {
    }

    public static void main(String[] args) {
        System.out.println("available=" + GpuDevices.available());
        System.out.println(GpuDevices.describe());
        try (OpenClContext context = GpuDevices.open()) {
            System.out.println("open: opened " + context.device().describe());
        } catch (GpuUnavailableException e) {
            System.out.println("open: " + e);
        }
    }

    /**
     * Runs the probe in a child JVM with {@code jvmOptions}, after {@code environment} has adjusted the child's
     * environment (a copy of this one), and returns what it printed; fails if it does not exit with 0 in a minute.
     */
    static String runInChildJvm(List<String> jvmOptions, Consumer<Map<String, String>> environment)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        // Where the probe, the runtime and JOCL were loaded from (java.class.path is only the launcher's jar
        // when the tests run under the JUnit console launcher, as in scripts/gpu-check.sh).
        command.add(String.join(File.pathSeparator, location(OpenClProbe.class), location(GpuDevices.class),
                location(CL.class)));
        command.add(OpenClProbe.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        environment.accept(builder.environment());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the probe JVM did not finish in a minute");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError("the probe JVM exited with " + process.exitValue() + ":\n" + output);
        }
        return output;
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
