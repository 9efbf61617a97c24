package lux.consensus.kernels.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.digests.SHAKEDigest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SHAKE on the OpenCL device against BouncyCastle, on awkward lengths and batch sizes. */
class OpenClShakeTest {

    /** Message lengths around both rates (136, 168) and their multiples. */
    private static final int[] LENGTHS = {0, 1, 7, 8, 34, 135, 136, 137, 167, 168, 169, 271, 272, 273, 336, 337, 1000};
    /** Output lengths: one byte, a hash, around the rates, several blocks. */
    private static final int[] OUT_LENGTHS = {1, 32, 64, 135, 136, 137, 168, 169, 500};

    private static OpenClContext context;
    private static OpenClShake shake;

    @BeforeAll
    static void openDevice() {
        if (!GpuDevices.available()) {
            return; // each test skips, saying why (requireDevice)
        }
        context = GpuDevices.open();
        shake = new OpenClShake(context);
    }

    @BeforeEach
    void requireDevice() {
        OpenClAssumptions.assumeDevice("OpenCL SHAKE");
    }

    @AfterAll
    static void closeDevice() {
        if (shake != null) {
            shake.close();
        }
        if (context != null) {
            context.close();
        }
    }

    @Test
    void emptyMessageKnownAnswers() {
        // FIPS 202 SHAKE of the empty string (NIST example values).
        byte[][] empty = {new byte[0]};
        assertEquals("7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26",
                HexFormat.of().formatHex(shake.shake128(empty, 32)[0]));
        assertEquals("46b9dd2b0ba88d13233b3feb743eeb243fcd52ea62b81b82b50c27646ed5762f",
                HexFormat.of().formatHex(shake.shake256(empty, 32)[0]));
    }

    @Test
    void matchesBouncyCastleOnAwkwardLengths() {
        SplittableRandom random = new SplittableRandom(0x5A4E_0001L);
        for (int outLen : OUT_LENGTHS) {
            byte[][] messages = new byte[LENGTHS.length][];
            for (int i = 0; i < LENGTHS.length; i++) {
                messages[i] = randomBytes(random, LENGTHS[i]);
            }
            compare(messages, outLen, shake);
        }
    }

    @Test
    void matchesBouncyCastleOnAwkwardBatchSizes() {
        SplittableRandom random = new SplittableRandom(0x5A4E_0002L);
        for (int batch : new int[] {1, 63, 64, 65, 1000}) {
            byte[][] messages = new byte[batch][];
            for (int i = 0; i < batch; i++) {
                messages[i] = randomBytes(random, random.nextInt(400));
            }
            compare(messages, 32 + random.nextInt(300), shake);
        }
    }

    @Test
    void splitsBatchesThatPassTheMemoryBudget() {
        SplittableRandom random = new SplittableRandom(0x5A4E_0003L);
        byte[][] messages = new byte[300][];
        for (int i = 0; i < messages.length; i++) {
            messages[i] = randomBytes(random, random.nextInt(200));
        }
        try (OpenClShake small = new OpenClShake(context, 4096)) {
            compare(messages, 64, small);
        }
    }

    @Test
    void zeroOutputAndNoMessagesAreFine() {
        assertEquals(0, shake.shake128(new byte[0][], 32).length);
        assertArrayEquals(new byte[0], shake.shake256(new byte[][] {{1, 2}}, 0)[0]);
    }

    private static void compare(byte[][] messages, int outLen, OpenClShake under) {
        byte[][] got128 = under.shake128(messages, outLen);
        byte[][] got256 = under.shake256(messages, outLen);
        for (int i = 0; i < messages.length; i++) {
            String what = "message " + i + " of " + messages[i].length + " bytes, " + outLen + " bytes out";
            assertArrayEquals(reference(128, messages[i], outLen), got128[i], "SHAKE128 " + what);
            assertArrayEquals(reference(256, messages[i], outLen), got256[i], "SHAKE256 " + what);
        }
    }

    private static byte[] reference(int bits, byte[] message, int outLen) {
        SHAKEDigest digest = new SHAKEDigest(bits);
        digest.update(message, 0, message.length);
        byte[] out = new byte[outLen];
        digest.doFinal(out, 0, outLen);
        return out;
    }

    private static byte[] randomBytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
