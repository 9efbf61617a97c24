package lux.consensus.network;

import lux.consensus.Id;

/** What the network gossips about a new block: enough for every validator to place it in its tree. */
public record NewBlock(Id id, Id parentId, long height) {}
