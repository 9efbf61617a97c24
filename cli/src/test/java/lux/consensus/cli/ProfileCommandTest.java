package lux.consensus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code lux profile} on this machine, and with a named profile. */
class ProfileCommandTest {

    private static String run(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            code = new CommandLine(new LuxCommand()).execute(args);
        } finally {
            System.setOut(saved);
        }
        assertEquals(0, code, buffer.toString(StandardCharsets.UTF_8));
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsHardwareProfileAndBackends() {
        String out = run("profile", "--list");
        assertTrue(out.contains("arch"), out);
        assertTrue(out.contains("profile "), out);
        assertTrue(out.contains("voteTally"), out);
        assertTrue(out.contains("backends chosen   tally="), out);
        assertTrue(out.contains("generic"), out);
    }

    @Test
    void aNamedProfileIsUsed() {
        String out = run("profile", "--profile", "apple-m1-neon");
        assertTrue(out.contains("apple-m1-neon (named)"), out);
    }

    @Test
    void benchIsRegistered() {
        String out = run("bench", "--help");
        assertTrue(out.contains("--quick"), out);
    }
}
