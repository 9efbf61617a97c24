package lux.consensus.node;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import lux.consensus.cert.CertMessage;
import lux.consensus.cert.SignatureRound;
import lux.consensus.node.proto.GatheredReply;
import lux.consensus.node.proto.GatheredRound;
import lux.consensus.node.proto.SignReply;
import lux.consensus.node.proto.Signature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Peers' calls that wait on this node: a Sign call until the local engine accepted every block its messages name
 * (a message is left unsigned if the engine rejected one of them or the call's deadline comes first), and a
 * Gathered call until this node, as the messages' aggregator, has gathered their signature rounds. One thread
 * serves them all, woken when the engine accepts blocks or a round is gathered, so a waiting call holds no thread.
 */
final class SignRequests implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SignRequests.class);
    /** How often waiting calls are looked at when nothing wakes the thread (for their deadlines). */
    private static final long IDLE_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** Gathered rounds kept for peers that ask late. */
    static final int REMEMBERED_ROUNDS = 4096;

    /** Tells whether the engine accepted or rejected a block. */
    interface Decisions {
        boolean accepted(CertMessage.BlockRef block);

        boolean rejected(CertMessage.BlockRef block);
    }

    /** A call waiting for something. */
    private abstract static class Waiting<R> {
        final long deadlineNanos;
        final StreamObserver<R> reply;

        Waiting(long deadlineNanos, StreamObserver<R> reply) {
            this.deadlineNanos = deadlineNanos;
            this.reply = reply;
        }

        /** Answers the call and returns true once it can, or once {@code late} (its deadline passed). */
        abstract boolean answerIfDone(boolean late);

        final void fail(Status status) {
            reply.onError(status.asRuntimeException());
        }
    }

    private final Decisions decisions;
    private final Signatures signatures;
    private final ConcurrentLinkedQueue<Waiting<?>> incoming = new ConcurrentLinkedQueue<>();
    private final List<Waiting<?>> waiting = new ArrayList<>();
    private final Map<ByteString, SignatureRound> gathered = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteString, SignatureRound> eldest) {
            return size() > REMEMBERED_ROUNDS;
        }
    };
    private final Thread thread;
    private volatile boolean closed;

    SignRequests(Decisions decisions, Signatures signatures) {
        this.decisions = decisions;
        this.signatures = signatures;
        this.thread = Thread.ofPlatform().name("lux-sign").daemon(true).start(this::serve);
    }

    /** Answers {@code reply} once every message can be signed or refused, or at {@code deadlineNanos}. */
    void sign(List<CertMessage> parsed, List<byte[]> messages, long deadlineNanos, StreamObserver<SignReply> reply) {
        enqueue(new SignCall(parsed, messages, deadlineNanos, reply));
    }

    /** Answers {@code reply} with this node's gathered round of each message, once all are gathered or at the deadline. */
    void gathered(List<byte[]> messages, long deadlineNanos, StreamObserver<GatheredReply> reply) {
        enqueue(new GatheredCall(messages.stream().map(ByteString::copyFrom).toList(), deadlineNanos, reply));
    }

    /** This node gathered the signatures of {@code message}, as its aggregator. */
    void gathered(byte[] message, SignatureRound round) {
        synchronized (gathered) {
            gathered.put(ByteString.copyFrom(message), round);
        }
        wake();
    }

    /** Something a waiting call may need happened (the engine accepted blocks, a round was gathered). */
    void wake() {
        LockSupport.unpark(thread);
    }

    private void enqueue(Waiting<?> w) {
        incoming.add(w);
        wake();
    }

    private void serve() {
        while (!closed) {
            for (Waiting<?> w; (w = incoming.poll()) != null; ) {
                waiting.add(w);
            }
            for (Iterator<Waiting<?>> it = waiting.iterator(); it.hasNext(); ) {
                Waiting<?> w = it.next();
                if (answerIfDone(w)) {
                    it.remove();
                }
            }
            if (waiting.isEmpty() && incoming.isEmpty()) {
                LockSupport.park(this);
            } else if (incoming.isEmpty()) {
                LockSupport.parkNanos(this, IDLE_CHECK_NANOS);
            }
        }
        for (Waiting<?> w : waiting) {
            w.fail(Status.UNAVAILABLE.withDescription("node stopping"));
        }
    }

    private static boolean answerIfDone(Waiting<?> w) {
        try {
            return w.answerIfDone(System.nanoTime() >= w.deadlineNanos);
        } catch (RuntimeException callGone) {
            LOG.debug("a peer's call ended before its answer: {}", callGone.getMessage());
            return true;
        }
    }

    private enum State { READY, REFUSED, WAITING }

    private State state(CertMessage message) {
        State state = State.READY;
        for (CertMessage.BlockRef block : message.blocks()) {
            if (decisions.rejected(block)) {
                return State.REFUSED;
            }
            if (!decisions.accepted(block)) {
                state = State.WAITING;
            }
        }
        return state;
    }

    private final class SignCall extends Waiting<SignReply> {
        private final List<CertMessage> parsed;
        private final List<byte[]> messages;

        SignCall(List<CertMessage> parsed, List<byte[]> messages, long deadlineNanos, StreamObserver<SignReply> reply) {
            super(deadlineNanos, reply);
            this.parsed = parsed;
            this.messages = messages;
        }

        @Override
        boolean answerIfDone(boolean late) {
            State[] states = new State[parsed.size()];
            for (int m = 0; m < states.length; m++) {
                states[m] = state(parsed.get(m));
                if (states[m] == State.WAITING && !late) {
                    return false; // nothing is signed before every message can be answered
                }
            }
            SignReply.Builder out = SignReply.newBuilder();
            for (int m = 0; m < states.length; m++) {
                out.addSignatures(states[m] == State.READY ? signatures.sign(messages.get(m)) : Signature.getDefaultInstance());
            }
            reply.onNext(out.build());
            reply.onCompleted();
            return true;
        }
    }

    private final class GatheredCall extends Waiting<GatheredReply> {
        private final List<ByteString> messages;

        GatheredCall(List<ByteString> messages, long deadlineNanos, StreamObserver<GatheredReply> reply) {
            super(deadlineNanos, reply);
            this.messages = messages;
        }

        @Override
        boolean answerIfDone(boolean late) {
            List<SignatureRound> rounds = new ArrayList<>(messages.size());
            synchronized (gathered) {
                for (ByteString m : messages) {
                    SignatureRound r = gathered.get(m);
                    if (r == null && !late) {
                        return false;
                    }
                    rounds.add(r);
                }
            }
            GatheredReply.Builder out = GatheredReply.newBuilder();
            for (SignatureRound r : rounds) {
                out.addRounds(r == null ? GatheredRound.getDefaultInstance() : Messages.toProto(r));
            }
            reply.onNext(out.build());
            reply.onCompleted();
            return true;
        }
    }

    @Override
    public void close() {
        closed = true;
        wake();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
