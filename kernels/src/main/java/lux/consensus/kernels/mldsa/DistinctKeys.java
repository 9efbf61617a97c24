package lux.consensus.kernels.mldsa;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct public keys of a run of batch items, for verifiers that expand each key once per call
 * (the GPU backends). Keys are matched by identity first (callers reuse key arrays), then by content.
 *
 * @param keys  the distinct keys, in order of first use
 * @param keyOf for the {@code k}-th item of the run, the index of its key in {@code keys}
 */
public record DistinctKeys(List<byte[]> keys, int[] keyOf) {

    /** The distinct keys of items {@code items[first .. end)}, whose keys are {@code publicKeys[items[i]]}. */
    public static DistinctKeys of(byte[][] publicKeys, int[] items, int first, int end) {
        int[] keyOf = new int[end - first];
        List<byte[]> distinct = new ArrayList<>();
        Map<byte[], Integer> byIdentity = new IdentityHashMap<>();
        Map<Content, Integer> byContent = new HashMap<>();
        for (int k = 0; k < keyOf.length; k++) {
            byte[] pk = publicKeys[items[first + k]];
            Integer index = byIdentity.get(pk);
            if (index == null) {
                index = byContent.computeIfAbsent(new Content(pk), c -> {
                    distinct.add(pk);
                    return distinct.size() - 1;
                });
                byIdentity.put(pk, index);
            }
            keyOf[k] = index;
        }
        return new DistinctKeys(distinct, keyOf);
    }

    /** A key compared by its bytes. */
    private record Content(byte[] bytes) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Content c && Arrays.equals(bytes, c.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }
}
