package lux.consensus.node;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import java.io.InputStream;

/**
 * Refuses a request that cannot be decoded with INVALID_ARGUMENT, counted, before any handler runs. (Left to
 * itself, grpc-java fails such a call with INTERNAL and logs a SEVERE stack trace for each: a peer could fill
 * the log with garbage.)
 */
final class MalformedRequests {
    private MalformedRequests() {
    }

    /** {@code service} with every method's request decoding made to refuse, not throw. */
    static ServerServiceDefinition refused(ServerServiceDefinition service, Runnable onMalformed) {
        ServerServiceDefinition.Builder out = ServerServiceDefinition.builder(service.getServiceDescriptor().getName());
        for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
            out.addMethod(refusing(method, onMalformed));
        }
        return out.build();
    }

    private static <Q, R> ServerMethodDefinition<Q, R> refusing(ServerMethodDefinition<Q, R> method, Runnable onMalformed) {
        MethodDescriptor<Q, R> original = method.getMethodDescriptor();
        MethodDescriptor.Marshaller<Q> decoder = original.getRequestMarshaller();
        MethodDescriptor.Marshaller<Q> lenient = new MethodDescriptor.Marshaller<>() {
            @Override
            public InputStream stream(Q value) {
                return decoder.stream(value);
            }

            /** The request, or null when its bytes do not decode. */
            @Override
            public Q parse(InputStream stream) {
                try {
                    return decoder.parse(stream);
                } catch (RuntimeException malformed) {
                    return null;
                }
            }
        };
        ServerCallHandler<Q, R> handler = (call, headers) -> new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(
                method.getServerCallHandler().startCall(call, headers)) {
            private boolean refused;

            @Override
            public void onMessage(Q message) {
                if (refused) {
                    return;
                }
                if (message == null) {
                    refused = true;
                    onMalformed.run();
                    call.close(Status.INVALID_ARGUMENT.withDescription("malformed " + original.getBareMethodName() + " request"), new Metadata());
                    return;
                }
                super.onMessage(message);
            }

            @Override
            public void onHalfClose() {
                if (!refused) {
                    super.onHalfClose();
                }
            }
        };
        return ServerMethodDefinition.create(original.toBuilder().setRequestMarshaller(lenient).build(), handler);
    }
}
