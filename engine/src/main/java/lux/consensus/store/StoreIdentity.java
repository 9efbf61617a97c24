package lux.consensus.store;

import java.util.Objects;
import lux.consensus.Id;

/**
 * What a store's data belongs to: a chain id and a digest of its validator set (ids and stakes). A store
 * written for one identity refuses to open for another.
 */
public record StoreIdentity(Id chainId, Id validatorsDigest) {
    public StoreIdentity {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(validatorsDigest, "validatorsDigest");
    }
}
