package lux.consensus.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import lux.consensus.Id;
import lux.consensus.node.NodeClient;
import lux.consensus.node.proto.AddReply;
import lux.consensus.node.proto.AddRequest;
import lux.consensus.node.proto.Block;
import lux.consensus.node.proto.Decision;
import lux.consensus.node.proto.StatusReply;
import lux.consensus.node.proto.StatusRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lux client}: talks to a running node through its client API. */
@Command(name = "client", mixinStandardHelpOptions = true, description = "Talk to a running node (lux node) through its client API.",
        subcommands = {ClientCommand.Add.class, ClientCommand.Status.class})
final class ClientCommand {
    @Option(names = "--node", required = true, description = "The node's directory, e.g. DIR/node-0.")
    Path node;

    /** Blocks per Add call. */
    static final int BATCH = 1000;

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Submit blocks on top of the node's preference, wait for their decisions, print a summary;"
                    + " exit 0 when all were decided.")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        ClientCommand client;

        @Option(names = "--blocks", required = true, description = "Number of blocks (a chain, each on the one before).")
        int blocks;

        @Option(names = "--conflict-every", defaultValue = "0",
                description = "Give every M-th block a conflicting sibling (0: none); one of each pair is rejected.")
        int conflictEvery;

        @Option(names = "--timeout", defaultValue = "600", description = "Seconds to wait for the decisions (default ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        @Override
        public Integer call() throws Exception {
            if (blocks < 1) {
                throw new IllegalArgumentException("--blocks must be at least 1, got " + blocks);
            }
            if (conflictEvery < 0) {
                throw new IllegalArgumentException("--conflict-every must be 0 or more, got " + conflictEvery);
            }
            try (NodeClient c = NodeClient.connect(client.node)) {
                StatusReply status = c.stub().withDeadlineAfter(10, TimeUnit.SECONDS).status(StatusRequest.getDefaultInstance());
                List<Block> all = chain(Id.fromHex(status.getPreference()), status.getPreferenceHeight());
                long start = System.nanoTime();
                int finalized = 0;
                int rejected = 0;
                for (int from = 0; from < all.size(); from += BATCH) {
                    List<Block> batch = all.subList(from, Math.min(all.size(), from + BATCH));
                    AddReply reply = c.stub().withDeadlineAfter(timeoutSeconds, TimeUnit.SECONDS)
                            .add(AddRequest.newBuilder().addAllBlocks(batch).build());
                    for (Decision d : reply.getDecisionsList()) {
                        finalized += d == Decision.FINALIZED ? 1 : 0;
                        rejected += d == Decision.REJECTED ? 1 : 0;
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("blocks      %,d submitted to validator at %s: %,d finalized, %,d rejected%n",
                        all.size(), client.node, finalized, rejected);
                System.out.printf("time        %.3f s (%,.0f blocks/s decided)%n", seconds, all.size() / seconds);
                return finalized + rejected == all.size() ? 0 : 1;
            }
        }

        /** {@code blocks} blocks in a chain on {@code tip}, each M-th followed by a rival with the same parent. */
        private List<Block> chain(Id tip, long tipHeight) {
            List<Block> out = new ArrayList<>();
            Id parent = tip;
            for (int i = 1; i <= blocks; i++) {
                Id id = Id.random();
                out.add(block(id, parent, tipHeight + i, "block " + i));
                if (conflictEvery > 0 && i % conflictEvery == 0) {
                    out.add(block(Id.random(), parent, tipHeight + i, "rival of block " + i));
                }
                parent = id;
            }
            return out;
        }

        private static Block block(Id id, Id parent, long height, String payload) {
            return Block.newBuilder().setId(ByteString.copyFrom(id.bytes())).setParentId(ByteString.copyFrom(parent.bytes()))
                    .setHeight(height).setPayload(ByteString.copyFrom(payload, StandardCharsets.UTF_8)).build();
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Print the node's status as one JSON object.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        ClientCommand client;

        @Override
        public Integer call() throws Exception {
            try (NodeClient c = NodeClient.connect(client.node)) {
                StatusReply s = c.stub().withDeadlineAfter(10, TimeUnit.SECONDS).status(StatusRequest.getDefaultInstance());
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("nodeId", s.getNodeId());
                json.put("lastAcceptedId", s.getLastAcceptedId());
                json.put("lastAcceptedHeight", s.getLastAcceptedHeight());
                json.put("finalized", s.getFinalized());
                json.put("rejected", s.getRejected());
                json.put("pending", s.getPending());
                json.put("peers", s.getPeers());
                json.put("preference", s.getPreference());
                json.put("preferenceHeight", s.getPreferenceHeight());
                System.out.println(new ObjectMapper().writeValueAsString(json));
                return 0;
            }
        }
    }
}
