package dev.glueorch.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.engine.PartitionOperations;
import dev.glueorch.engine.WorkflowOperations;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The operations function: start, stop, get and backfill workflow runs, and repair partitions, for other AWS
 * services (Step Functions, a schedule), invoked synchronously with IAM permission only. A refused request fails the
 * invocation with an {@code OperationException} whose message says what to fix.
 */
public final class OperationsHandler implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WorkflowOperations operations;
    private final PartitionOperations partitionOperations;

    public OperationsHandler() {
        this(Dependencies.instance().operations, Dependencies.instance().partitionOperations);
    }

    OperationsHandler(WorkflowOperations operations, PartitionOperations partitionOperations) {
        this.operations = operations;
        this.partitionOperations = partitionOperations;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] response = PowertoolsLogging.withLogging(context, () -> {
            try {
                return JSON.writeValueAsBytes(OperationsRequest.handle(input, operations, partitionOperations));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("the response is not serializable", e);
            }
        });
        output.write(response);
    }
}
