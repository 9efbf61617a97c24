package lux.consensus.node;

import com.google.protobuf.ByteString;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import lux.consensus.cert.ValidatorKeys;
import lux.consensus.kernels.mldsa.MlDsa;
import lux.consensus.node.proto.Signature;

/**
 * This validator's BLS and ML-DSA signatures of certificate messages. Both schemes sign deterministically here,
 * so every peer asking for the same message gets the same answer: the last {@value #REMEMBERED} are kept, and a
 * message is signed once however many peers ask for it.
 */
final class Signatures {
    static final int REMEMBERED = 4096;
    private final ValidatorKeys keys;
    private final Map<ByteString, Signature> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteString, Signature> eldest) {
            return size() > REMEMBERED;
        }
    };

    private final LongAdder signingNanos = new LongAdder();

    Signatures(ValidatorKeys keys) {
        this.keys = keys;
    }

    Signature sign(byte[] message) {
        ByteString key = ByteString.copyFrom(message);
        synchronized (recent) {
            Signature known = recent.get(key);
            if (known != null) {
                return known;
            }
        }
        long start = System.nanoTime();
        Signature reply = Signature.newBuilder()
                .setBlsSignature(ByteString.copyFrom(keys.bls().sign(message).toBytes()))
                .setMlDsaSignature(ByteString.copyFrom(MlDsa.sign(keys.mlDsa(), message)))
                .build();
        signingNanos.add(System.nanoTime() - start);
        synchronized (recent) {
            recent.put(key, reply);
        }
        return reply;
    }

    /** Time spent signing (each message once: answers from the cache are free). */
    long signingNanos() {
        return signingNanos.sum();
    }
}
