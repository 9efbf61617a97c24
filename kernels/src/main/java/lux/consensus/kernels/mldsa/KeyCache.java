package lux.consensus.kernels.mldsa;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prepared keys by public-key bytes, least recently used first out, bounded by bytes held (each entry counted as
 * its key encoding plus {@link PreparedKey#bytes()}). Thread-safe (one lock; the work under it is a hash lookup).
 */
final class KeyCache {

    /** A public key's bytes as a map key (content equality; the array is a private copy). */
    record Encoded(byte[] bytes, int hash) {
        static Encoded of(byte[] publicKey) {
            return new Encoded(publicKey, Arrays.hashCode(publicKey));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Encoded e && e.hash == hash && Arrays.equals(e.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final long budget;
    private final LinkedHashMap<Encoded, PreparedKey> map = new LinkedHashMap<>(16, 0.75f, true);
    private long used;

    KeyCache(long budget) {
        if (budget < 0) {
            throw new IllegalArgumentException("key cache budget must be >= 0 bytes, got " + budget);
        }
        this.budget = budget;
    }

    long budget() {
        return budget;
    }

    synchronized PreparedKey get(Encoded key) {
        return map.get(key);
    }

    /** Adds (or refreshes) an entry, evicting the least recently used until it fits; false if it never can. */
    synchronized boolean put(Encoded key, PreparedKey prepared) {
        long size = cost(key, prepared);
        if (size > budget) {
            return false;
        }
        PreparedKey old = map.put(new Encoded(key.bytes().clone(), key.hash()), prepared);
        if (old != null) {
            used -= cost(key, old);
        }
        used += size;
        Iterator<Map.Entry<Encoded, PreparedKey>> eldest = map.entrySet().iterator();
        while (used > budget && eldest.hasNext()) {
            Map.Entry<Encoded, PreparedKey> e = eldest.next();
            used -= cost(e.getKey(), e.getValue());
            eldest.remove();
        }
        return true;
    }

    synchronized int size() {
        return map.size();
    }

    synchronized long used() {
        return used;
    }

    synchronized void clear() {
        map.clear();
        used = 0;
    }

    private static long cost(Encoded key, PreparedKey prepared) {
        return key.bytes().length + 16 + prepared.bytes();
    }
}
