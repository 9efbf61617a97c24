package lux.consensus.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lux.consensus.Block;
import lux.consensus.Chain;
import lux.consensus.Config;
import lux.consensus.Decision;
import lux.consensus.Id;
import lux.consensus.kernels.profile.ResultsFile.Entry;
import lux.consensus.node.LocalNetwork;
import lux.consensus.node.Node;

/**
 * {@code lux bench --network N}: blocks finalized per second with certificates, and finality latency, for an
 * N-node network in this JVM (each node on its own loopback sockets, mutual TLS, its own store) beside the
 * embedded network with the same consensus parameters; and where the networked nodes' time goes.
 */
final class NetworkBench {
    private static final long WAIT_SECONDS = 600;
    /** Threads by kind, by name prefix: consensus, certificates, answering peers, gRPC's network I/O (TLS, HTTP/2, protobuf). */
    private static final Map<String, List<String>> THREAD_GROUPS = threadGroups();

    private static Map<String, List<String>> threadGroups() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("consensus (engine threads)", List.of("lux-chain-engine"));
        groups.put("certificate rounds and verification", List.of("lux-chain-certify"));
        groups.put("signing for peers", List.of("lux-sign"));
        groups.put("gRPC calls", List.of("grpc-default-executor"));
        groups.put("gRPC network I/O", List.of("grpc-default-worker", "grpc-nio-worker", "grpc-epoll"));
        groups.put("store sync", List.of("lux-chain-sync"));
        return groups;
    }

    private final PrintStream out;
    private final int blocks;
    private final int latencyBlocks;

    NetworkBench(PrintStream out, int blocks, int latencyBlocks) {
        this.out = out;
        this.blocks = blocks;
        this.latencyBlocks = latencyBlocks;
    }

    /** Throughput and latency of one network size, networked then embedded. */
    List<Entry> run(int nodes) throws Exception {
        Config d = Config.defaults();
        String params = String.format(Locale.ROOT, "%d nodes, k %d, alphaConf %d, beta %d", nodes, d.k(), d.alphaConf(), d.beta());
        List<Entry> entries = new ArrayList<>();
        Path dir = Files.createTempDirectory("lux-bench-network");
        try {
            try (LocalNetwork network = LocalNetwork.start(dir.resolve("grpc"), nodes, d.k(), d.alphaPref(), d.alphaConf(), d.beta())) {
                out.printf(Locale.ROOT, "%d nodes over gRPC with mutual TLS: started%n", nodes);
                Chain proposer = network.node(0).chain();
                List<Chain> all = network.nodes().stream().map(Node::chain).toList();
                throughput(proposer, all, Math.min(blocks, 20)); // warm-up
                Node.Timings before = network.node(0).timings();
                Map<String, Long> cpuBefore = cpuByThreadGroup();
                double seconds = throughput(proposer, all, blocks);
                Node.Timings after = network.node(0).timings();
                Map<String, Long> cpu = minus(cpuByThreadGroup(), cpuBefore);
                entries.add(Entry.of("network", "finalized with certificates", params, "grpc-tls", blocks / seconds, Double.NaN, "blocks/s"));
                entries.addAll(latency("grpc-tls", params, proposer));
                entries.addAll(whereTimeGoes(params, seconds, before, after, cpu));
            }
            Config embedded = Config.builder().validatorCount(nodes).dataDir(dir.resolve("embedded")).build();
            try (Chain chain = new Chain(embedded)) {
                chain.start();
                throughput(chain, List.of(chain), Math.min(blocks, 20));
                double seconds = throughput(chain, List.of(chain), blocks);
                entries.add(Entry.of("network", "finalized with certificates", params, "embedded", blocks / seconds, Double.NaN, "blocks/s"));
                entries.addAll(latency("embedded", params, chain));
            }
        } finally {
            deleteTree(dir);
        }
        return entries;
    }

    /**
     * Adds {@code count} blocks as one chain at {@code proposer}, all at once, and returns the seconds until every
     * chain in {@code all} holds each of them finalized with a certificate.
     */
    private static double throughput(Chain proposer, List<Chain> all, int count) throws Exception {
        List<Block> chain = linear(proposer, count);
        long start = System.nanoTime();
        List<CompletableFuture<Decision>> decisions = new ArrayList<>(count);
        for (Block b : chain) {
            decisions.add(proposer.addAsync(b));
        }
        for (CompletableFuture<Decision> decision : decisions) {
            if (decision.get(WAIT_SECONDS, TimeUnit.SECONDS) != Decision.FINALIZED) {
                throw new IllegalStateException("a benchmark block was rejected: the network is not healthy");
            }
        }
        Block last = chain.get(chain.size() - 1);
        for (Chain c : all) {
            awaitCertified(c, last);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** One block at a time at {@code proposer}: from adding it to its decision there (certified), median and p99. */
    private List<Entry> latency(String backend, String params, Chain proposer) throws Exception {
        long[] nanos = new long[latencyBlocks];
        for (int i = 0; i < latencyBlocks; i++) {
            Block b = linear(proposer, 1).get(0);
            long start = System.nanoTime();
            if (proposer.addAsync(b).get(WAIT_SECONDS, TimeUnit.SECONDS) != Decision.FINALIZED) {
                throw new IllegalStateException("a benchmark block was rejected: the network is not healthy");
            }
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return List.of(
                Entry.of("network", "finality latency p50", params, backend, nanos[nanos.length / 2] / 1e6, Double.NaN, "ms"),
                Entry.of("network", "finality latency p99", params, backend,
                        nanos[Math.min(nanos.length - 1, (int) Math.ceil(nanos.length * 0.99) - 1)] / 1e6, Double.NaN, "ms"));
    }

    /**
     * Node 0's engine thread (waiting for answers, tallying) and certifying thread (signature rounds), as shares of
     * the wall time, and the CPU of every node's threads, by kind.
     */
    private List<Entry> whereTimeGoes(String params, double seconds, Node.Timings before, Node.Timings after, Map<String, Long> cpu) {
        List<Entry> entries = new ArrayList<>();
        double wall = seconds * 1e9;
        entries.add(share(params, "node 0 engine: waiting for poll answers", (after.answerWaitNanos() - before.answerWaitNanos()) / wall));
        entries.add(share(params, "node 0 engine: tally and record", (after.tallyNanos() - before.tallyNanos()) / wall));
        entries.add(share(params, "node 0 certifying: signature rounds", (after.signWaitNanos() - before.signWaitNanos()) / wall));
        entries.add(share(params, "node 0 signing", (after.signingNanos() - before.signingNanos()) / wall));
        entries.add(Entry.of("network bytes", "node 0 sent per block", params, "grpc-tls",
                (double) (after.bytesSent() - before.bytesSent()) / blocks, Double.NaN, "bytes"));
        entries.add(Entry.of("network bytes", "node 0 received per block", params, "grpc-tls",
                (double) (after.bytesReceived() - before.bytesReceived()) / blocks, Double.NaN, "bytes"));
        long total = cpu.values().stream().mapToLong(Long::longValue).sum();
        for (Map.Entry<String, Long> group : cpu.entrySet()) {
            entries.add(Entry.of("network cpu", group.getKey(), params, "grpc-tls", 100.0 * group.getValue() / Math.max(1, total),
                    Double.NaN, "% of CPU"));
        }
        entries.add(Entry.of("network cpu", "all threads", params, "grpc-tls", total / wall, Double.NaN, "cores"));
        return entries;
    }

    static String table(List<Entry> entries) {
        StringBuilder sb = new StringBuilder();
        String params = "";
        for (Entry e : entries) {
            if (!e.params().equals(params)) {
                params = e.params();
                sb.append(params).append(System.lineSeparator());
            }
            sb.append(String.format(Locale.ROOT, "  %-14s %-44s %-9s %12s %s%n", e.group(), e.name(), e.backend(), BenchCommand.format(e.value()), e.unit()));
        }
        return sb.toString();
    }

    private static Entry share(String params, String name, double fraction) {
        return Entry.of("network time", name, params, "grpc-tls", 100 * fraction, Double.NaN, "% of wall");
    }

    /** CPU time of this JVM's live threads, summed by {@link #THREAD_GROUPS} (by name prefix) and "other". */
    private static Map<String, Long> cpuByThreadGroup() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> byGroup = new LinkedHashMap<>();
        THREAD_GROUPS.keySet().forEach(g -> byGroup.put(g, 0L));
        byGroup.put("other", 0L);
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu < 0) {
                continue;
            }
            String group = THREAD_GROUPS.entrySet().stream().filter(g -> g.getValue().stream().anyMatch(info.getThreadName()::startsWith))
                    .map(Map.Entry::getKey).findFirst().orElse("other");
            byGroup.merge(group, cpu, Long::sum);
        }
        return byGroup;
    }

    private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> diff = new LinkedHashMap<>();
        after.forEach((k, v) -> diff.put(k, v - before.getOrDefault(k, 0L)));
        return diff;
    }

    /** {@code count} new blocks on the chain's preference, each the parent of the next. */
    private static List<Block> linear(Chain chain, int count) {
        Id parent = chain.preference();
        long height = chain.getBlock(parent).map(Block::height).orElse(0L);
        List<Block> out = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            Block b = new Block(Id.random(), parent, height + i, ("bench " + (height + i)).getBytes(StandardCharsets.UTF_8));
            out.add(b);
            parent = b.id();
        }
        return out;
    }

    private static void awaitCertified(Chain chain, Block block) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!chain.hasQuantumFinality(block.id())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("block at height " + block.height() + " not certified everywhere in " + WAIT_SECONDS + " s");
            }
            Thread.sleep(1);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
