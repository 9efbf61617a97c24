package lux.consensus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Crash tests as real processes: a child JVM ({@link CrashChild}) adds blocks to a durable chain and is killed
 * with SIGKILL at a random moment, again and again on the same directory. After each kill the store must open
 * without repair, every block the child heard FINALIZED must be finalized with its payload (and, with
 * certificates on, a valid certificate), and nothing finalized before may be rolled back or changed.
 */
@Timeout(600)
class ChainCrashTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "qRounds {0}, seed {1}: {2} kills")
    @CsvSource({"0, 1, 15", "0, 2, 15", "2, 3, 10", "2, 4, 10"})
    void killedAtRandomMomentsLosesNothingAcknowledged(int qRounds, long seed, int kills) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        Map<Long, Id> finalizedAt = new HashMap<>(); // everything ever seen finalized, by height
        int acknowledged = 0;
        for (int k = 0; k < kills; k++) {
            Map<Id, byte[]> reported = runAndKill(qRounds, 400 + random.nextInt(1_600));
            acknowledged += reported.size();
            try (Chain chain = new Chain(CrashChild.config(dir, qRounds))) { // opens without repair, or throws
                List<Block> blocks = new ArrayList<>();
                for (Map.Entry<Id, byte[]> e : reported.entrySet()) {
                    Id id = e.getKey();
                    assertTrue(chain.isFinalized(id), "kill " + k + ": block " + id + " was acknowledged FINALIZED");
                    Block b = chain.getBlock(id).orElseThrow();
                    assertArrayEquals(e.getValue(), b.payload(), "kill " + k + ": payload of " + id);
                    blocks.add(b);
                }
                if (qRounds > 0) {
                    boolean[] valid = chain.verifyCertificates(blocks);
                    for (int i = 0; i < valid.length; i++) {
                        assertTrue(valid[i], "kill " + k + ": certificate of " + blocks.get(i).id());
                    }
                }
                Map<Long, Id> now = finalizedChain(chain);
                for (Map.Entry<Long, Id> e : finalizedAt.entrySet()) {
                    assertEquals(e.getValue(), now.get(e.getKey()), "kill " + k + ": the block finalized at height " + e.getKey()
                            + " was rolled back or changed");
                }
                finalizedAt.putAll(now);
            }
        }
        assertTrue(acknowledged > 0, "the children finalized something before being killed");
    }

    /** The finalized chain by height, walked down from the last finalized block below the preferred tip. */
    private static Map<Long, Id> finalizedChain(Chain chain) {
        Map<Long, Id> chainByHeight = new HashMap<>();
        Block b = chain.getBlock(chain.preference()).orElse(null);
        while (b != null && !chain.isFinalized(b.id())) {
            b = chain.getBlock(b.parentId()).orElse(null);
        }
        while (b != null) {
            chainByHeight.put(b.height(), b.id());
            b = chain.getBlock(b.parentId()).orElse(null);
        }
        assertEquals(chain.stats().finalizedHeight(), chainByHeight.size(), "a finalized block at every height");
        return chainByHeight;
    }

    /** Starts a child on {@link #dir}, kills it with SIGKILL after {@code millis} of adding blocks; returns what it acknowledged. */
    private Map<Id, byte[]> runAndKill(int qRounds, long millis) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xss2m",
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), dir.toString(), Integer.toString(qRounds)));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Map<Id, byte[]> reported = new ConcurrentHashMap<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    String[] f = line.split(" ");
                    if (f.length == 4 && f[0].equals("F") && f[1].length() == 2 * Id.LENGTH) {
                        reported.put(Id.fromHex(f[1]), java.util.HexFormat.of().parseHex(f[3]));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the pipe closes when the child dies; a line cut short is ignored
            }
        });
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (reported.isEmpty() && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20); // killed once it is adding blocks, not while the JVM starts
        }
        Thread.sleep(millis);
        assertTrue(child.isAlive(), "the child runs until killed (exit " + (child.isAlive() ? "" : child.exitValue()) + ")");
        child.destroyForcibly(); // SIGKILL
        child.waitFor();
        reader.join();
        return new HashMap<>(reported);
    }
}
