package lux.consensus.node;

import java.net.Socket;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly the given certificates (compared by their DER encoding), whoever signed them and whatever names
 * they carry: a validator is its certificate. Anything else fails the TLS handshake, naming what was offered.
 * (Extending {@link X509ExtendedTrustManager} keeps the JDK from adding its own host-name check.)
 */
final class PinnedTrust extends X509ExtendedTrustManager {
    private final Set<String> pinned;
    private final X509Certificate[] accepted;
    private final AtomicLong refused;

    PinnedTrust(Collection<X509Certificate> certificates) {
        this(certificates, new AtomicLong());
    }

    /** As {@link #PinnedTrust(Collection)}, counting the certificates it refuses in {@code refused}. */
    PinnedTrust(Collection<X509Certificate> certificates, AtomicLong refused) {
        this.refused = refused;
        this.pinned = certificates.stream().map(PinnedTrust::der).collect(Collectors.toUnmodifiableSet());
        this.accepted = new ArrayList<>(certificates).toArray(new X509Certificate[0]);
    }

    private static String der(X509Certificate c) {
        try {
            return HexFormat.of().formatHex(c.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("unencodable certificate " + c.getSubjectX500Principal(), e);
        }
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("no certificate presented");
        }
        X509Certificate leaf = chain[0];
        if (!pinned.contains(der(leaf))) {
            refused.incrementAndGet();
            throw new CertificateException("certificate of " + leaf.getSubjectX500Principal() + " (validator id "
                    + TlsIdentity.validatorId(leaf) + ") is not in the validator set");
        }
        leaf.checkValidity();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return accepted.clone();
    }
}
