package lux.consensus.node;

import com.google.protobuf.ByteString;
import java.util.LinkedHashMap;
import java.util.Map;
import lux.consensus.cert.ValidatorKeys;
import lux.consensus.kernels.mldsa.MlDsa;
import lux.consensus.node.proto.SignReply;

/**
 * This validator's BLS and ML-DSA signatures of certificate messages. Both schemes sign deterministically here,
 * so every peer asking for the same message gets the same answer: the last {@value #REMEMBERED} are kept, and a
 * message is signed once however many peers ask for it.
 */
final class Signatures {
    static final int REMEMBERED = 4096;
    private final ValidatorKeys keys;
    private final Map<ByteString, SignReply> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteString, SignReply> eldest) {
            return size() > REMEMBERED;
        }
    };

    Signatures(ValidatorKeys keys) {
        this.keys = keys;
    }

    SignReply sign(byte[] message) {
        ByteString key = ByteString.copyFrom(message);
        synchronized (recent) {
            SignReply known = recent.get(key);
            if (known != null) {
                return known;
            }
        }
        SignReply reply = SignReply.newBuilder()
                .setBlsSignature(ByteString.copyFrom(keys.bls().sign(message).toBytes()))
                .setMlDsaSignature(ByteString.copyFrom(MlDsa.sign(keys.mlDsa(), message)))
                .build();
        synchronized (recent) {
            recent.put(key, reply);
        }
        return reply;
    }
}
