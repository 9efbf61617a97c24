package lux.consensus;

/** How consensus decided a block. */
public enum Decision {
    /** Accepted: the block is part of the finalized chain, for good. */
    FINALIZED,
    /** Rejected: a conflicting block (or an ancestor's rival) was finalized instead. */
    REJECTED
}
