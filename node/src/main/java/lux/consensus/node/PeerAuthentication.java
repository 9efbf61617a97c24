package lux.consensus.node;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import lux.consensus.Id;
import lux.consensus.ValidatorSet;

/**
 * Attributes every call to the validator whose certificate the TLS session authenticated (its index in the
 * set, in {@link #PEER}); a call without one is refused. The handshake already refuses certificates outside the
 * set ({@link PinnedTrust}); this is the second lock, and the one that names the caller.
 */
final class PeerAuthentication implements ServerInterceptor {
    static final Context.Key<Integer> PEER = Context.key("lux-peer-index");
    private final ValidatorSet set;
    private final AtomicLong refused = new AtomicLong();

    PeerAuthentication(ValidatorSet set) {
        this.set = set;
    }

    long refused() {
        return refused.get();
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        int peer = peerIndex(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
        if (peer < 0) {
            refused.incrementAndGet();
            call.close(Status.UNAUTHENTICATED.withDescription("a validator's TLS certificate is required"), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        return Contexts.interceptCall(Context.current().withValue(PEER, peer), call, headers, next);
    }

    private int peerIndex(SSLSession session) {
        if (session == null) {
            return -1;
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                return -1;
            }
            Id id = TlsIdentity.validatorId(leaf);
            return set.indexOf(id);
        } catch (SSLPeerUnverifiedException e) {
            return -1;
        }
    }
}
