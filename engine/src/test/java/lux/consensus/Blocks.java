package lux.consensus;

import java.nio.charset.StandardCharsets;

/** Test helpers for making blocks. */
final class Blocks {
    private Blocks() {
    }

    static Block child(Id parent, long parentHeight, String payload) {
        return new Block(Id.random(), parent, parentHeight + 1, payload.getBytes(StandardCharsets.UTF_8));
    }

    static Block child(Block parent, String payload) {
        return child(parent.id(), parent.height(), payload);
    }

    static Block onGenesis(String payload) {
        return child(Id.GENESIS, 0, payload);
    }
}
