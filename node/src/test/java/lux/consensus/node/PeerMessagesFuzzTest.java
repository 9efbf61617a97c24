package lux.consensus.node;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.InvalidProtocolBufferException;
import lux.consensus.cert.CertMessage;
import lux.consensus.node.proto.FetchAncestorsRequest;
import lux.consensus.node.proto.PushBlocksRequest;
import lux.consensus.node.proto.SignRequest;

/**
 * Every decoder a peer's bytes reach, on any bytes: the protobuf parse (an InvalidProtocolBufferException is
 * gRPC's refusal), then this node's own checks (an IllegalArgumentException naming the problem). Anything else
 * escaping is a finding.
 */
class PeerMessagesFuzzTest {

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "2h")
    void decode(FuzzedDataProvider data) {
        int kind = data.consumeInt(0, 2);
        byte[] bytes = data.consumeRemainingAsBytes();
        try {
            switch (kind) {
                case 0 -> Messages.fromProto(PushBlocksRequest.parseFrom(bytes).getBlocksList());
                case 1 -> Messages.id(FetchAncestorsRequest.parseFrom(bytes).getId(), "id");
                default -> SignRequest.parseFrom(bytes).getMessagesList().forEach(m -> CertMessage.parse(m.toByteArray()));
            }
        } catch (InvalidProtocolBufferException | IllegalArgumentException refused) {
            // refused, as it should be
        }
    }
}
