package dev.glueorch.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkRequest;

/**
 * Sends a recorded SDK request again, as it is, on another client of its service: the operation is the client's
 * method that takes the request's type ({@code UpdateItemRequest} → {@code updateItem}, {@code StartJobRunRequest} →
 * {@code startJobRun}). What the client throws is thrown. The floors' one way to replay whatever the handler or the
 * simulation sent.
 */
final class BareRequest {

    private static final Map<List<Class<?>>, Method> OPERATIONS = new ConcurrentHashMap<>();

    private BareRequest() {
    }

    /** Sends {@code request} on {@code client}, a client of the service interface {@code type}. */
    static <C extends SdkClient> Object send(Class<C> type, C client, SdkRequest request) {
        Method operation = OPERATIONS.computeIfAbsent(List.of(type, request.getClass()),
                key -> operationFor(type, request.getClass()));
        try {
            return operation.invoke(client, request);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(operation.getName() + " failed", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + type.getSimpleName() + "." + operation.getName(), e);
        }
    }

    private static Method operationFor(Class<?> type, Class<?> requestType) {
        String name = requestType.getSimpleName();
        if (!name.endsWith("Request")) {
            throw new IllegalStateException("not an SDK request: " + name);
        }
        String operation = Character.toLowerCase(name.charAt(0))
                + name.substring(1, name.length() - "Request".length());
        try {
            return type.getMethod(operation, requestType);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("the floor cannot replay " + name + ": " + type.getSimpleName()
                    + " has no " + operation + "(" + name + ")", e);
        }
    }
}
