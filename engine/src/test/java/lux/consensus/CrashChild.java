package lux.consensus;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lux.consensus.store.RocksDbChainStore;

/**
 * The process {@link ChainCrashTest} kills: a durable chain adding blocks as fast as it can, printing
 * {@code F <id> <height> <payload>} for every block whose add returned FINALIZED (so only after it was durable), while a
 * thread compacts the store now and then. Runs until killed.
 *
 * <p>Arguments: data directory, qRounds.
 */
public final class CrashChild {
    private CrashChild() {
    }

    static Config config(Path dir, int qRounds) {
        return Config.builder().qRounds(qRounds).batchSize(20).dataDir(dir).build();
    }

    /** The payload of the block at {@code height}: the parent test checks it after every restart. */
    static byte[] payload(long height, boolean rival) {
        return ((rival ? "rival " : "block ") + height).getBytes(StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Config config = config(dir, Integer.parseInt(args[1]));
        RocksDbChainStore store = RocksDbChainStore.open(dir, StoreRecords.identity(config));
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        Chain chain = new Chain(config, store);
        out.println("started " + chain.stats().finalizedHeight());
        Thread compactor = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(150);
                    store.compact();
                } catch (InterruptedException | RuntimeException e) {
                    return;
                }
            }
        });
        compactor.setDaemon(true);
        compactor.start();
        chain.start();
        while (true) {
            Id parent = chain.preference();
            long height = chain.getBlock(parent).map(Block::height).orElse(0L);
            List<Block> batch = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Block b = new Block(Id.random(), parent, height + 1, payload(height + 1, false));
                batch.add(b);
                if (i == 4) {
                    batch.add(new Block(Id.random(), parent, height + 1, payload(height + 1, true)));
                }
                parent = b.id();
                height++;
            }
            List<Decision> decisions = chain.addBatch(batch);
            for (int i = 0; i < batch.size(); i++) {
                if (decisions.get(i) == Decision.FINALIZED) {
                    Block b = batch.get(i);
                    out.println("F " + b.id().toHex() + " " + b.height() + " " + java.util.HexFormat.of().formatHex(b.payload()));
                }
            }
        }
    }
}
