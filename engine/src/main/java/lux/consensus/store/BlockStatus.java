package lux.consensus.store;

/** Where a stored block stands. */
public enum BlockStatus {
    PENDING,
    FINALIZED,
    REJECTED
}
