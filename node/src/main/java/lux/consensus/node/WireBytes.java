package lux.consensus.node;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientStreamTracer;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerStreamTracer;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the bytes of gRPC messages a node exchanges with its peers, both as server and as client, as gRPC
 * reports them to stream tracers (message bytes on the wire: after compression, before HTTP/2 framing and TLS).
 */
final class WireBytes {
    private final LongAdder received = new LongAdder();
    private final LongAdder sent = new LongAdder();

    long received() {
        return received.sum();
    }

    long sent() {
        return sent.sum();
    }

    /** For the peer server: what its peers' calls bring in and what its answers take out. */
    ServerStreamTracer.Factory serverTracers() {
        return new ServerStreamTracer.Factory() {
            @Override
            public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
                return new ServerStreamTracer() {
                    @Override
                    public void inboundWireSize(long bytes) {
                        received.add(bytes);
                    }

                    @Override
                    public void outboundWireSize(long bytes) {
                        sent.add(bytes);
                    }
                };
            }
        };
    }

    /** For the channels to peers: what this node's calls send and what comes back. */
    ClientInterceptor clientTracers() {
        ClientStreamTracer.Factory factory = new ClientStreamTracer.Factory() {
            @Override
            public ClientStreamTracer newClientStreamTracer(ClientStreamTracer.StreamInfo info, Metadata headers) {
                return new ClientStreamTracer() {
                    @Override
                    public void inboundWireSize(long bytes) {
                        received.add(bytes);
                    }

                    @Override
                    public void outboundWireSize(long bytes) {
                        sent.add(bytes);
                    }
                };
            }
        };
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
                return next.newCall(method, options.withStreamTracerFactory(factory));
            }
        };
    }
}
