package lux.consensus.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on loopback between one node and one peer, for partition tests: while cut, it closes every
 * connection it carries and every new one at once, as a broken link would; healed, it relays again.
 */
final class LoopbackProxy implements AutoCloseable {
    private final ServerSocket listener;
    private volatile InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;

    /** Listens now (so that its port is taken before the nodes pick theirs); relays once {@link #relayTo} names the peer. */
    LoopbackProxy() throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("proxy-" + listener.getLocalPort()).start(this::accept);
    }

    void relayTo(InetSocketAddress peer) {
        if (!peer.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("loopback peers only, got " + peer);
        }
        this.target = peer;
    }

    String address() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    void cut() {
        cut = true;
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    void heal() {
        cut = false;
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket from;
            try {
                from = listener.accept();
            } catch (IOException closed) {
                return;
            }
            InetSocketAddress target = this.target;
            if (cut || target == null) {
                closeQuietly(from);
                continue;
            }
            try {
                Socket to = new Socket(target.getAddress(), target.getPort());
                open.add(from);
                open.add(to);
                Thread.ofVirtual().start(() -> relay(from, to));
                Thread.ofVirtual().start(() -> relay(to, from));
            } catch (IOException refused) {
                closeQuietly(from); // the peer is down: so is the link
            }
        }
    }

    private void relay(Socket in, Socket out) {
        try {
            in.getInputStream().transferTo(out.getOutputStream());
        } catch (IOException closed) {
            // one side closed or the link was cut
        } finally {
            closeQuietly(in);
            closeQuietly(out);
            open.remove(in);
            open.remove(out);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        cut();
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
