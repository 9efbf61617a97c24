package lux.consensus.snow;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lux.consensus.Id;

/** Ids, expected tree renderings and a recording listener shared by the tests of this package. */
final class SnowTestSupport {
    private SnowTestSupport() {}

    /** avalanchego's {@code ids.Empty.Prefix(n)}: SHA-256 of n (8 bytes, big-endian) then 32 zero bytes. */
    static Id prefixed(long n) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ByteBuffer.allocate(Long.BYTES).putLong(n).array());
            sha.update(new byte[Id.LENGTH]);
            return Id.of(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** avalanchego's test colours. */
    static final Id RED = prefixed(0);
    static final Id BLUE = prefixed(1);
    static final Id GREEN = prefixed(2);

    /** An id whose leading bytes are {@code leading} and the rest zero, like Go's {@code ids.ID{0x01}}. */
    static Id bytes(int... leading) {
        byte[] b = new byte[Id.LENGTH];
        for (int i = 0; i < leading.length; i++) {
            b[i] = (byte) leading[i];
        }
        return Id.of(b);
    }

    /** An id that is zero except its last byte. */
    static Id lastByte(int value) {
        byte[] b = new byte[Id.LENGTH];
        b[Id.LENGTH - 1] = (byte) value;
        return Id.of(b);
    }

    // Expected renderings of snowball-rule tree nodes, one line each, indented four spaces per depth.

    static String u(int depth, int strength, int confidence, boolean finalized, int from, int to) {
        return "    ".repeat(depth) + "UnarySnowball(strength=" + strength + ", UnarySnowflake(confidence="
                + confidence + ", finalized=" + finalized + ")) bits [" + from + ", " + to + ")";
    }

    static String b(int depth, int preference, int strength0, int strength1, int confidence, boolean finalized,
            int slushPreference, int bit) {
        return "    ".repeat(depth) + "Snowball(preference=" + preference + ", strengths=[" + strength0 + ", "
                + strength1 + "], Snowflake(confidence=" + confidence + ", finalized=" + finalized
                + ", Slush(preference=" + slushPreference + "))) bit " + bit;
    }

    static String tree(String... lines) {
        return String.join("\n", lines);
    }

    /** Records decisions; fails the test on a second decision about the same block. */
    static final class Recorder implements Snowman.Listener {
        enum Status { ACCEPTED, REJECTED }

        final List<String> events = new ArrayList<>();
        final Map<Id, Status> status = new HashMap<>();
        final List<Id> acceptedOrder = new ArrayList<>();
        final List<Long> acceptedHeights = new ArrayList<>();

        @Override
        public void accepted(Id id, long height) {
            decide(id, Status.ACCEPTED);
            events.add("accepted " + id.shortHex());
            acceptedOrder.add(id);
            acceptedHeights.add(height);
        }

        @Override
        public void rejected(Id id, long height) {
            decide(id, Status.REJECTED);
            events.add("rejected " + id.shortHex());
        }

        private void decide(Id id, Status s) {
            Status old = status.put(id, s);
            if (old != null) {
                throw new AssertionError(id + " decided twice: " + old + " then " + s);
            }
        }

        boolean accepted(Id id) {
            return status.get(id) == Status.ACCEPTED;
        }

        boolean rejected(Id id) {
            return status.get(id) == Status.REJECTED;
        }

        boolean undecided(Id id) {
            return !status.containsKey(id);
        }
    }

    static VoteBag votes(Id... ids) {
        return VoteBag.of(ids);
    }
}
