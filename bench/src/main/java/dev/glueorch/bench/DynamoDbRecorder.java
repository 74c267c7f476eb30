package dev.glueorch.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A DynamoDB client that records every request it passes on, in order, to send them again bare on another client:
 * the simulator's floor, as {@link Floor} is the warm events'. The simulation's DynamoDB Local is embedded (no HTTP),
 * so there is no SDK execution pipeline for an interceptor to see: this wraps the client itself.
 */
final class DynamoDbRecorder implements InvocationHandler {

    private final List<SdkRequest> requests = new ArrayList<>();
    private DynamoDbClient target;

    /** {@code client}, recorded. */
    DynamoDbClient wrap(DynamoDbClient client) {
        target = client;
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[]{DynamoDbClient.class}, this);
    }

    int size() {
        return requests.size();
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        boolean oneArgument = args != null && args.length == 1;
        if (method.getName().endsWith("Paginator") || oneArgument && args[0] instanceof Consumer<?>) {
            // the paginator and builder forms: they call the request form below on the proxy
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        if (oneArgument && args[0] instanceof SdkRequest request) {
            requests.add(request);
            return BareRequest.send(DynamoDbClient.class, target, request);
        }
        // the rest (waiter, close, configuration): the client's own
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Sends every recorded request again, in order, on {@code client}; returns the nanoseconds it took. */
    long replay(DynamoDbClient client) {
        long start = System.nanoTime();
        for (SdkRequest request : requests) {
            try {
                BareRequest.send(DynamoDbClient.class, client, request);
            } catch (SdkServiceException e) {
                // the same answer the simulation got (a failed condition is a decision, not an error)
            }
        }
        return System.nanoTime() - start;
    }
}
