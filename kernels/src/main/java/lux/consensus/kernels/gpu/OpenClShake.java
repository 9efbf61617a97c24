package lux.consensus.kernels.gpu;

import java.util.Objects;

/**
 * SHAKE128 and SHAKE256 (FIPS 202) of many messages at once on an OpenCL device, one message per
 * work-item ({@code shake.cl} on {@code keccak.cl}, whose Keccak-f and sponge the ML-DSA verification kernel
 * uses too); tested against BouncyCastle's {@code SHAKEDigest}.
 *
 * <p>A batch runs in chunks of consecutive messages whose input, offsets and output fit the context's
 * memory budget. Calls are serialized; close it to release the kernel (the context stays the caller's).
 */
public final class OpenClShake implements AutoCloseable {

    /** Keccak-f[1600] and the SHAKE sponge, shared with the ML-DSA verifier's program. */
    static final String KECCAK = "lux/consensus/kernels/gpu/keccak.cl";
    static final String SOURCE = "lux/consensus/kernels/gpu/shake.cl";
    /** Bytes absorbed per permutation: 1600 bits less twice the security level (FIPS 202 section 6.2). */
    static final int SHAKE128_RATE = 168;
    static final int SHAKE256_RATE = 136;

    private final OpenClContext context;
    private final long budgetBytes;
    private final OpenClProgram program;
    private final OpenClKernel kernel;
    private final Object lock = new Object();

    /**
     * Builds the kernel on a context the caller owns.
     *
     * @throws GpuException if it does not build there
     */
    public OpenClShake(OpenClContext context) {
        this(context, -1);
    }

    /** For tests: a memory budget far below the device's, so that batches split into chunks. */
    OpenClShake(OpenClContext context, long budgetBytes) {
        this.context = context;
        this.budgetBytes = budgetBytes > 0 ? budgetBytes : context.memoryBudgetBytes();
        this.program = context.buildResources("", KECCAK, SOURCE);
        try {
            this.kernel = program.kernel("shake");
        } catch (RuntimeException e) {
            program.close();
            throw e;
        }
    }

    /** SHAKE128 of each message, {@code outLen} bytes each. */
    public byte[][] shake128(byte[][] messages, int outLen) {
        return shake(messages, outLen, SHAKE128_RATE);
    }

    /** SHAKE256 of each message, {@code outLen} bytes each. */
    public byte[][] shake256(byte[][] messages, int outLen) {
        return shake(messages, outLen, SHAKE256_RATE);
    }

    private byte[][] shake(byte[][] messages, int outLen, int rate) {
        Objects.requireNonNull(messages, "messages must not be null");
        if (outLen < 0) {
            throw new IllegalArgumentException("outLen must be >= 0, got " + outLen);
        }
        for (int i = 0; i < messages.length; i++) {
            Objects.requireNonNull(messages[i], "messages[" + i + "] must not be null");
        }
        byte[][] digests = new byte[messages.length][outLen];
        if (messages.length == 0 || outLen == 0) {
            return digests;
        }
        synchronized (lock) {
            int first = 0;
            while (first < messages.length) {
                int end = chunkEnd(messages, first, outLen);
                runChunk(messages, first, end, outLen, rate, digests);
                first = end;
            }
        }
        return digests;
    }

    /** The end of the chunk starting at {@code first}: as many messages as fit, at least one. */
    private int chunkEnd(byte[][] messages, int first, int outLen) {
        long limit = Math.min(budgetBytes, context.maxAllocBytes());
        long input = 0;
        int end = first;
        while (end < messages.length) {
            long nextInput = input + messages[end].length;
            long count = end - first + 1L;
            long output = count * outLen;
            long offsets = (count + 1) * Long.BYTES;
            boolean fits = Math.max(nextInput, Math.max(output, offsets)) <= context.maxAllocBytes()
                    && nextInput + output + offsets <= budgetBytes;
            if (!fits) {
                break;
            }
            input = nextInput;
            end++;
        }
        if (end == first) {
            throw new GpuException("message " + first + " (" + messages[first].length + " bytes, " + outLen
                    + " bytes out) does not fit device " + context.device().name() + " (limit " + limit + " bytes)");
        }
        return end;
    }

    private void runChunk(byte[][] messages, int first, int end, int outLen, int rate, byte[][] digests) {
        int count = end - first;
        long[] offsets = new long[count + 1];
        for (int i = 0; i < count; i++) {
            offsets[i + 1] = offsets[i] + messages[first + i].length;
        }
        int inputBytes = Math.toIntExact(offsets[count]);
        byte[] packed = new byte[Math.max(inputBytes, 1)];
        for (int i = 0; i < count; i++) {
            System.arraycopy(messages[first + i], 0, packed, (int) offsets[i], messages[first + i].length);
        }
        byte[] out = new byte[Math.multiplyExact(count, outLen)];
        try (OpenClBuffer in = context.input(packed.length);
             OpenClBuffer off = context.input((long) offsets.length * Long.BYTES);
             OpenClBuffer result = context.output(out.length)) {
            in.write(packed, 0, packed.length);
            off.write(offsets, 0, offsets.length);
            kernel.arg(0, in).arg(1, off).arg(2, count).arg(3, rate).arg(4, outLen).arg(5, result).run(count);
            result.read(out, 0, out.length);
        }
        for (int i = 0; i < count; i++) {
            System.arraycopy(out, i * outLen, digests[first + i], 0, outLen);
        }
    }

    /** Releases the kernel and program; idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            kernel.close();
            program.close();
        }
    }
}
