package example;

import lux.consensus.Block;
import lux.consensus.Chain;
import lux.consensus.Config;
import lux.consensus.Decision;
import lux.consensus.Id;

/** The README's example, as a program: one block on a chain with the SDK's defaults; exit 0 when it is finalized. */
public class HelloLux {
    public static void main(String[] args) {
        try (Chain chain = new Chain(Config.defaults())) {
            chain.onFinalized(b -> System.out.println("finalized " + b.id()));
            chain.start();
            Block block = new Block(Id.random(), Id.GENESIS, 1, "Hello, Lux!".getBytes());
            Decision d = chain.add(block);          // blocks until decided: FINALIZED
            chain.isFinalized(block.id());          // true
            chain.preference();                     // block.id()
            System.out.println(d + ", certificate verifies: " + chain.verify(chain.getBlock(block.id()).orElseThrow()));
            if (d != Decision.FINALIZED || !chain.isFinalized(block.id()) || !chain.preference().equals(block.id())) {
                System.exit(1);
            }
        }
    }
}
