package lux.consensus.node;

import java.time.Duration;

/** Bounds on what peers and clients may ask of a node, and how long the node waits for them. */
final class Limits {
    /** Largest message a node accepts or sends (gRPC's own limit is 4 MiB). */
    static final int MAX_MESSAGE_BYTES = 16 << 20;
    /** Blocks in one PushBlocks or Add call. */
    static final int MAX_BLOCKS_PER_MESSAGE = 4096;
    /** Ancestors one FetchAncestors call returns. */
    static final int MAX_ANCESTORS = 1024;
    /** FetchAncestors calls spent filling one gap before the node gives up on it. */
    static final int MAX_FETCHES_PER_GAP = 64;
    /** Certificate messages in one Sign call. */
    static final int MAX_SIGN_MESSAGES = 1024;
    /** Calls a peer may have in flight on its connection. */
    static final int MAX_CALLS_PER_PEER = 32;
    /** Calls per second one peer may make (a burst of as many); an honest peer makes about one per round. */
    static final long MAX_CALLS_PER_SECOND_PER_PEER = 5_000;
    /** Payload of one block. */
    static final int MAX_PAYLOAD_BYTES = 1 << 20;

    static final Duration QUERY_DEADLINE = Duration.ofMillis(1000);
    static final Duration PUSH_DEADLINE = Duration.ofSeconds(5);
    static final Duration FETCH_DEADLINE = Duration.ofSeconds(5);
    static final Duration SIGN_DEADLINE = Duration.ofSeconds(3);
    /** For an aggregator's rounds: it may decide a block later than the asker, then gather for up to the sign deadline. */
    static final Duration GATHERED_DEADLINE = SIGN_DEADLINE.multipliedBy(2);
    /** How often a node asks its peers for their preference, to catch up on what it missed. */
    static final Duration SYNC_INTERVAL = Duration.ofMillis(500);

    private Limits() {
    }
}
