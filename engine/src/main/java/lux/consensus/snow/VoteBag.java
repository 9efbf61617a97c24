package lux.consensus.snow;

import java.util.Arrays;
import java.util.Objects;
import lux.consensus.Id;

/**
 * A small multiset of ids: how many votes each id got in one poll.
 *
 * <p>Entries live in two parallel flat arrays, in the order their ids were first added; {@link #id(int)} and
 * {@link #count(int)} read entry {@code i}. Up to a handful of distinct ids a lookup scans the arrays;
 * beyond that an open-addressing index (power-of-two table of entry positions) takes over. {@link #clear()}
 * keeps every array, so a bag reused poll after poll stops allocating once it has grown to its working
 * size. Not thread-safe.
 */
public final class VoteBag {
    /** Up to this many distinct ids a linear scan beats hashing. */
    private static final int LINEAR_SCAN_LIMIT = 8;

    /** The ids and their counts, in insertion order, {@link #size} of them (read in place by {@link SnowballTree}). */
    Id[] ids;
    int[] counts;
    private int size;
    private int total;
    /** Open-addressing index: entry position + 1, 0 for an empty slot. Valid only while {@link #hashed}. */
    private int[] slots;
    private boolean hashed;

    /** An empty bag. */
    public VoteBag() {
        this(LINEAR_SCAN_LIMIT);
    }

    /** An empty bag with room for {@code expectedDistinct} ids before it grows. */
    public VoteBag(int expectedDistinct) {
        int capacity = Math.max(1, expectedDistinct);
        this.ids = new Id[capacity];
        this.counts = new int[capacity];
    }

    /** A bag holding one vote per listed id (an id listed twice gets two). */
    public static VoteBag of(Id... ids) {
        VoteBag bag = new VoteBag(ids.length);
        for (Id id : ids) {
            bag.add(id, 1);
        }
        return bag;
    }

    /** Adds one vote for {@code id}. */
    public void add(Id id) {
        add(id, 1);
    }

    /**
     * Adds {@code count} votes for {@code id}, merging with the votes it already has. A count of zero adds
     * nothing (not even an entry).
     *
     * @throws NullPointerException if {@code id} is null
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public void add(Id id, int count) {
        Objects.requireNonNull(id, "id");
        if (count <= 0) {
            if (count < 0) {
                throw new IllegalArgumentException("a vote count must be >= 0, got " + count + " for " + id);
            }
            return;
        }
        int i = indexOf(id);
        if (i >= 0) {
            counts[i] += count;
        } else {
            append(id, count);
        }
        total += count;
    }

    /** Number of distinct ids. */
    public int size() {
        return size;
    }

    /** Whether the bag holds no votes. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** The id of entry {@code i}, {@code 0 <= i < size()}. */
    public Id id(int i) {
        return ids[Objects.checkIndex(i, size)];
    }

    /** The vote count of entry {@code i}, {@code 0 <= i < size()}. */
    public int count(int i) {
        return counts[Objects.checkIndex(i, size)];
    }

    /** Sum of all counts. */
    public int total() {
        return total;
    }

    /** Votes for {@code id}; 0 if it has none. */
    public int countOf(Id id) {
        int i = indexOf(id);
        return i < 0 ? 0 : counts[i];
    }

    /**
     * Removes every entry, keeping the arrays for reuse. The ids stay in the array, unread, until overwritten: at
     * most as many as the bag ever held, and no store per id.
     */
    public void clear() {
        size = 0;
        total = 0;
        if (hashed) {
            Arrays.fill(slots, 0);
            hashed = false;
        }
    }

    private int indexOf(Id id) {
        if (!hashed) {
            for (int i = 0; i < size; i++) {
                if (ids[i].equals(id)) {
                    return i;
                }
            }
            return -1;
        }
        int mask = slots.length - 1;
        for (int s = slotOf(id, mask); ; s = (s + 1) & mask) {
            int entry = slots[s];
            if (entry == 0) {
                return -1;
            }
            if (ids[entry - 1].equals(id)) {
                return entry - 1;
            }
        }
    }

    private void append(Id id, int count) {
        if (size == ids.length) {
            int capacity = ids.length * 2;
            ids = Arrays.copyOf(ids, capacity);
            counts = Arrays.copyOf(counts, capacity);
            if (hashed) {
                rebuildIndex(); // keeps the table at most half full
            }
        }
        if (ids[size] != id) { // a bag refilled poll after poll mostly rewrites the same ids: skip the store's barrier
            ids[size] = id;
        }
        counts[size] = count;
        size++;
        if (hashed) {
            insertSlot(size - 1);
        } else if (size > LINEAR_SCAN_LIMIT) {
            rebuildIndex();
        }
    }

    private void rebuildIndex() {
        int tableSize = Integer.highestOneBit(ids.length * 2 - 1) << 1; // power of two >= 2 * capacity
        if (slots == null || slots.length < tableSize) {
            slots = new int[tableSize];
        } else {
            Arrays.fill(slots, 0);
        }
        hashed = true;
        for (int i = 0; i < size; i++) {
            insertSlot(i);
        }
    }

    private void insertSlot(int entry) {
        int mask = slots.length - 1;
        int s = slotOf(ids[entry], mask);
        while (slots[s] != 0) {
            s = (s + 1) & mask;
        }
        slots[s] = entry + 1;
    }

    private static int slotOf(Id id, int mask) {
        int h = id.hashCode() * 0x9E3779B9; // Fibonacci hashing spreads the low bits into the high ones
        return (h ^ (h >>> 16)) & mask;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("VoteBag{");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(ids[i].shortHex()).append('=').append(counts[i]);
        }
        return sb.append('}').toString();
    }
}
