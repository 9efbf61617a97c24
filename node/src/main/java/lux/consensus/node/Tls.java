package lux.consensus.node;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;

/** The TLS 1.3 contexts of a node: mutual between validators, server-only towards clients. */
final class Tls {
    private static final String TLS_13 = "TLSv1.3";

    private Tls() {
    }

    /** The peer server: a client must present one of the validators' certificates (others are counted in {@code refused}). */
    static SslContext peerServer(TlsIdentity self, Collection<X509Certificate> validators, AtomicLong refused) {
        return build(GrpcSslContexts.configure(SslContextBuilder.forServer(self.key(), self.certificate()), SslProvider.JDK)
                .clientAuth(ClientAuth.REQUIRE).trustManager(new PinnedTrust(validators, refused)));
    }

    /** A connection to the validator whose certificate is {@code peer}, presenting ours. */
    static SslContext peerClient(TlsIdentity self, X509Certificate peer) {
        return build(GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
                .keyManager(self.key(), self.certificate()).trustManager(new PinnedTrust(List.of(peer))));
    }

    /** The client API's server: TLS with the node's certificate; clients are not authenticated by TLS. */
    static SslContext clientApiServer(TlsIdentity self) {
        return build(GrpcSslContexts.configure(SslContextBuilder.forServer(self.key(), self.certificate()), SslProvider.JDK));
    }

    /** A client of the node whose certificate is {@code node}. */
    static SslContext clientApiClient(X509Certificate node) {
        return build(GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK).trustManager(new PinnedTrust(List.of(node))));
    }

    private static SslContext build(SslContextBuilder builder) {
        try {
            return builder.protocols(TLS_13).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS 1.3: " + e.getMessage(), e);
        }
    }
}
