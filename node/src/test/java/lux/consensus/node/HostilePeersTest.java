package lux.consensus.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import lux.consensus.Id;
import lux.consensus.node.proto.Block;
import lux.consensus.node.proto.PeerGrpc;
import lux.consensus.node.proto.PushBlocksRequest;
import lux.consensus.node.proto.QueryRequest;
import lux.consensus.node.proto.StatusRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node facing peers it must refuse or survive: no certificate, a stranger's, oversized and garbled messages. */
class HostilePeersTest {
    /** The node's per-peer limit here: low, so that a flood outruns it however slowly this machine sends. */
    private static final long CALLS_PER_SECOND = 100;
    @TempDir
    static Path dir;
    private static List<Path> dirs;
    private static Node node;

    @BeforeAll
    static void startOneNode() throws IOException {
        dirs = Testnet.write(dir, 4);
        node = Node.start(dirs.get(0), CALLS_PER_SECOND);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static NodeDirectory target() throws IOException {
        return NodeDirectory.read(dirs.get(0));
    }

    private static ManagedChannel channel(SslContext tls) throws IOException {
        return NettyChannelBuilder.forTarget(target().self().peerAddress()).sslContext(tls).build();
    }

    private static PeerGrpc.PeerBlockingStub stub(ManagedChannel channel) {
        return PeerGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
    }

    /** A connection as validator 1: the honest baseline. */
    private static ManagedChannel asValidator() throws IOException {
        NodeDirectory one = NodeDirectory.read(dirs.get(1));
        return channel(Tls.peerClient(one.tls(), target().tls().certificate()));
    }

    @Test
    void aValidatorIsAnswered() throws IOException {
        ManagedChannel c = asValidator();
        try {
            assertEquals(Id.LENGTH, stub(c).query(QueryRequest.newBuilder().setPolls(1).build()).getPreference().size());
        } finally {
            c.shutdownNow();
        }
    }

    @Test
    void aConnectionWithoutAClientCertificateIsRefused() throws Exception {
        SslContext noCertificate = GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
                .trustManager(new PinnedTrust(List.of(target().tls().certificate()))).protocols("TLSv1.3").build();
        ManagedChannel c = channel(noCertificate);
        try {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub(c).query(QueryRequest.newBuilder().setPolls(1).build()));
            assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.toString());
        } finally {
            c.shutdownNow();
        }
        stillServesClients();
    }

    @Test
    void aCertificateOutsideTheValidatorSetIsRefused() throws Exception {
        TlsIdentity stranger = TlsIdentity.generate("stranger", new SecureRandom());
        ManagedChannel c = channel(Tls.peerClient(stranger, target().tls().certificate()));
        try {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub(c).query(QueryRequest.newBuilder().setPolls(1).build()));
            assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.toString());
        } finally {
            c.shutdownNow();
        }
        stillServesClients();
    }

    @Test
    void tooManyBlocksInOneMessageAreRefused() throws Exception {
        PushBlocksRequest.Builder flood = PushBlocksRequest.newBuilder();
        Block b = Block.newBuilder().setId(ByteString.copyFrom(new byte[32])).setParentId(ByteString.copyFrom(new byte[32])).setHeight(1).build();
        for (int i = 0; i <= Limits.MAX_BLOCKS_PER_MESSAGE; i++) {
            flood.addBlocks(b);
        }
        ManagedChannel c = asValidator();
        try {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub(c).pushBlocks(flood.build()));
            assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
            assertTrue(e.getStatus().getDescription().contains("at most " + Limits.MAX_BLOCKS_PER_MESSAGE), e.getStatus().getDescription());
        } finally {
            c.shutdownNow();
        }
        stillServesClients();
    }

    @Test
    void tooManyCertificateMessagesInOneSignCallAreRefused() throws Exception {
        lux.consensus.node.proto.SignRequest.Builder flood = lux.consensus.node.proto.SignRequest.newBuilder();
        for (int i = 0; i <= Limits.MAX_SIGN_MESSAGES; i++) {
            flood.addMessages(ByteString.copyFrom(new byte[8]));
        }
        ManagedChannel c = asValidator();
        try {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub(c).sign(flood.build()));
            assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
            assertEquals((Limits.MAX_SIGN_MESSAGES + 1) + " messages in one call; at most " + Limits.MAX_SIGN_MESSAGES,
                    e.getStatus().getDescription());
        } finally {
            c.shutdownNow();
        }
        stillServesClients();
    }

    @Test
    void aReplayedPushTakesNothingTheSecondTime() throws Exception {
        Block b = Block.newBuilder().setId(ByteString.copyFrom(Id.random().bytes())).setParentId(ByteString.copyFrom(Id.GENESIS.bytes()))
                .setHeight(1).setPayload(ByteString.copyFromUtf8("replayed")).build();
        PushBlocksRequest push = PushBlocksRequest.newBuilder().addBlocks(b).build();
        ManagedChannel c = asValidator();
        try {
            assertEquals(1, stub(c).pushBlocks(push).getTaken(), "the first push is taken in");
            assertEquals(0, stub(c).pushBlocks(push).getTaken(), "the replay is not");
        } finally {
            c.shutdownNow();
        }
        stillServesClients();
    }

    @Test
    void garbledAndTruncatedMessagesAreRefused() throws Exception {
        double malformedBefore = metric("lux_peer_malformed_messages_total");
        List<LogRecord> severe = new java.util.concurrent.CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    severe.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger grpc = Logger.getLogger("io.grpc");
        grpc.addHandler(capture);
        ManagedChannel c = asValidator();
        try {
            byte[] valid = PushBlocksRequest.newBuilder().addBlocks(Block.newBuilder().setId(ByteString.copyFrom(new byte[32]))
                    .setParentId(ByteString.copyFrom(new byte[32])).setHeight(1).setPayload(ByteString.copyFromUtf8("x"))).build().toByteArray();
            for (byte[] bad : List.of(java.util.Arrays.copyOf(valid, valid.length - 3), new byte[] {(byte) 0xff, (byte) 0xff, 0x0f})) {
                StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> ClientCalls.blockingUnaryCall(c,
                        rawPush(), CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), bad));
                assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.toString());
                assertEquals("malformed PushBlocks request", e.getStatus().getDescription());
            }
            // A well-formed message naming a malformed block (an id of 3 bytes): refused, naming it.
            PushBlocksRequest shortId = PushBlocksRequest.newBuilder().addBlocks(Block.newBuilder().setId(ByteString.copyFrom(new byte[3]))
                    .setParentId(ByteString.copyFrom(new byte[32])).setHeight(1)).build();
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub(c).pushBlocks(shortId));
            assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
            assertTrue(e.getStatus().getDescription().contains("block id must be 32 bytes, got 3"), e.getStatus().getDescription());
        } finally {
            c.shutdownNow();
            grpc.removeHandler(capture);
        }
        assertEquals(List.of(), severe.stream().map(LogRecord::getMessage).toList(), "grpc-java logged garbage as SEVERE");
        assertEquals(malformedBefore + 3, metric("lux_peer_malformed_messages_total"), "malformed messages counted");
        stillServesClients();
    }

    @Test
    void aFloodOfQueriesIsThrottledAndCountedWhileOtherPeersAreServed() throws Exception {
        // Validator 3 floods (the other tests speak as validator 1, whose budget stays whole); validator 2 is honest.
        ManagedChannel flooder = channel(Tls.peerClient(NodeDirectory.read(dirs.get(3)).tls(), target().tls().certificate()));
        ManagedChannel honest = channel(Tls.peerClient(NodeDirectory.read(dirs.get(2)).tls(), target().tls().certificate()));
        try {
            PeerGrpc.PeerFutureStub flood = PeerGrpc.newFutureStub(flooder);
            List<com.google.common.util.concurrent.ListenableFuture<lux.consensus.node.proto.QueryReply>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 30 * CALLS_PER_SECOND; i++) { // at most 100 + 100/s of them can pass in the time it takes
                calls.add(flood.withDeadlineAfter(60, TimeUnit.SECONDS).query(QueryRequest.newBuilder().setPolls(1).build()));
            }
            int throttled = 0;
            for (var call : calls) {
                try {
                    call.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    assertEquals(Status.Code.RESOURCE_EXHAUSTED, Status.fromThrowable(e.getCause()).getCode(), e.toString());
                    throttled++;
                }
            }
            assertTrue(throttled > 0, "no call of the flood was throttled");
            assertTrue(metric("lux_peer_throttled_calls_total") >= throttled, "throttled calls counted");
            assertEquals(Id.LENGTH, stub(honest).query(QueryRequest.newBuilder().setPolls(1).build()).getPreference().size(),
                    "another validator is answered");
        } finally {
            flooder.shutdownNow();
            honest.shutdownNow();
        }
        stillServesClients();
    }

    /** A counter from the node's Prometheus endpoint. */
    private static double metric(String name) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String body = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://" + target().self().metricsAddress() + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        return body.lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1))).findFirst()
                .orElseThrow(() -> new AssertionError(name + " missing from the metrics"));
    }

    /** PushBlocks with the request as raw bytes, so a test can send what no encoder would. */
    private static MethodDescriptor<byte[], com.google.protobuf.Empty> rawPush() {
        MethodDescriptor.Marshaller<byte[]> raw = new MethodDescriptor.Marshaller<>() {
            @Override
            public InputStream stream(byte[] value) {
                return new ByteArrayInputStream(value);
            }

            @Override
            public byte[] parse(InputStream stream) {
                throw new UnsupportedOperationException();
            }
        };
        return MethodDescriptor.<byte[], com.google.protobuf.Empty>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(PeerGrpc.getPushBlocksMethod().getFullMethodName()).setRequestMarshaller(raw)
                .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(com.google.protobuf.Empty.getDefaultInstance())).build();
    }

    private static void stillServesClients() throws IOException {
        try (NodeClient client = NodeClient.connect(dirs.get(0))) {
            assertEquals(target().self().id(), client.stub().withDeadlineAfter(5, TimeUnit.SECONDS).status(StatusRequest.getDefaultInstance()).getNodeId());
        }
    }
}
