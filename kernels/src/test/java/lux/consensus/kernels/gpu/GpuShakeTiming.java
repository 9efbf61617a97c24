package lux.consensus.kernels.gpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.digests.SHAKEDigest;

/**
 * A short timing of {@link OpenClShake} for {@code scripts/gpu-check.sh}: SHAKE128 of 34-byte seeds
 * (rho || two index bytes, the input of ML-DSA's ExpandA) squeezed to 840 bytes (5 blocks), per batch
 * size, transfers included, against BouncyCastle on one CPU thread. Results are checked.
 *
 * <p>Usage: {@code GpuShakeTiming OUT_DIR [batch ...]}; writes {@code OUT_DIR/gpu-shake-timing.json}.
 */
public final class GpuShakeTiming {

    static final int SEED_BYTES = 34;
    static final int OUT_BYTES = 840;

    private GpuShakeTiming() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : ".");
        int[] sizes = args.length > 1
                ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {1024, 16_384, 65_536, 262_144};
        StringBuilder json = new StringBuilder();
        try (OpenClContext context = GpuDevices.open(); OpenClShake shake = new OpenClShake(context)) {
            String device = context.device().describe();
            System.out.println("OpenCL device: " + device);
            json.append("{\n  \"benchmark\": \"SHAKE128, ").append(SEED_BYTES).append("-byte seeds to ").append(OUT_BYTES)
                    .append(" bytes, best of runs, transfers included; bouncycastle on one thread\",\n")
                    .append("  \"device\": \"").append(device.replace("\"", "'")).append("\",\n  \"results\": [\n");
            System.out.printf(Locale.ROOT, "%-14s %10s %12s %16s%n", "backend", "batch", "best ms", "hashes/s");
            SplittableRandom random = new SplittableRandom(0x5A4E_7133L);
            String separator = "";
            for (int batch : sizes) {
                byte[][] seeds = new byte[batch][SEED_BYTES];
                for (byte[] seed : seeds) {
                    random.nextBytes(seed);
                }
                byte[][][] result = new byte[1][][];
                GpuTallyTiming.Row gpu = GpuTallyTiming.time("opencl", "shake128", batch,
                        () -> result[0] = shake.shake128(seeds, OUT_BYTES));
                int cpuBatch = Math.min(batch, 16_384); // one CPU thread: time a slice, report the rate
                byte[][] reference = new byte[cpuBatch][OUT_BYTES];
                GpuTallyTiming.Row cpu = GpuTallyTiming.time("bouncycastle", "shake128", cpuBatch, () -> {
                    for (int i = 0; i < cpuBatch; i++) {
                        SHAKEDigest digest = new SHAKEDigest(128);
                        digest.update(seeds[i], 0, SEED_BYTES);
                        digest.doFinal(reference[i], 0, OUT_BYTES);
                    }
                });
                for (int i = 0; i < cpuBatch; i++) {
                    GpuTallyTiming.require(Arrays.equals(reference[i], result[0][i]), "SHAKE128 differs at " + i);
                }
                for (GpuTallyTiming.Row row : new GpuTallyTiming.Row[] {gpu, cpu}) {
                    System.out.printf(Locale.ROOT, "%-14s %10d %12.3f %16.0f%n", row.backend(), row.polls(),
                            row.bestNanos() / 1e6, row.pollsPerSecond());
                    json.append(separator).append(String.format(Locale.ROOT,
                            "    {\"backend\": \"%s\", \"batch\": %d, \"bestMs\": %.4f, \"hashesPerSecond\": %.0f}",
                            row.backend(), row.polls(), row.bestNanos() / 1e6, row.pollsPerSecond()));
                    separator = ",\n";
                }
            }
        }
        json.append("\n  ]\n}\n");
        Files.createDirectories(out);
        Path file = out.resolve("gpu-shake-timing.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        System.out.println("wrote " + file);
    }
}
