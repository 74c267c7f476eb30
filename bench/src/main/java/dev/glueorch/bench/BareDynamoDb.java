package dev.glueorch.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Sends a recorded DynamoDB request again, as it is, on another client: the operation is the client's method that
 * takes the request's type ({@code UpdateItemRequest} → {@code updateItem}). What the client throws is thrown.
 * The floors' one way to replay whatever the handler or the simulation sent.
 */
final class BareDynamoDb {

    private static final Map<Class<?>, Method> OPERATIONS = new ConcurrentHashMap<>();

    private BareDynamoDb() {
    }

    static Object send(DynamoDbClient client, SdkRequest request) {
        Method operation = OPERATIONS.computeIfAbsent(request.getClass(), BareDynamoDb::operationFor);
        try {
            return operation.invoke(client, request);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(operation.getName() + " failed", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call DynamoDbClient." + operation.getName(), e);
        }
    }

    private static Method operationFor(Class<?> requestType) {
        String name = requestType.getSimpleName();
        if (!name.endsWith("Request")) {
            throw new IllegalStateException("not a DynamoDB request: " + name);
        }
        String operation = Character.toLowerCase(name.charAt(0))
                + name.substring(1, name.length() - "Request".length());
        try {
            return DynamoDbClient.class.getMethod(operation, requestType);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("the floor cannot replay " + name + ": DynamoDbClient has no "
                    + operation + "(" + name + ")", e);
        }
    }
}
