package dev.glueorch.cli.ops;

import dev.glueorch.cli.AwsRegion;
import java.net.URI;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import software.amazon.awssdk.regions.Region;

/**
 * Where a deployed orchestrator is: its table, Region, bus and, for emulators, endpoint URLs. Shared by every
 * operator command as a picocli mixin.
 */
public final class ConnectionOptions {

    @Option(names = "--table-name", paramLabel = "TABLE", defaultValue = "${env:GLUEORCH_TABLE:-glue-orchestrator}",
            description = "The orchestrator's DynamoDB table (default: GLUEORCH_TABLE, else glue-orchestrator; now "
                    + "${DEFAULT-VALUE}).")
    String tableName;

    @Option(names = "--region", paramLabel = "REGION",
            description = "The AWS Region (default: AWS_REGION or your AWS profile's).")
    String region;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Send DynamoDB, Glue, STS and EventBridge requests to this URL (an emulator, say) instead "
                    + "of AWS's.")
    URI endpointUrl;

    @Option(names = "--dynamodb-endpoint-url", paramLabel = "URL",
            description = "Send DynamoDB requests here instead (wins over --endpoint-url), e.g. DynamoDB Local.")
    URI dynamoDbEndpointUrl;

    @Option(names = "--glue-endpoint-url", paramLabel = "URL",
            description = "Send Glue requests here instead (wins over --endpoint-url).")
    URI glueEndpointUrl;

    @Option(names = "--event-bus", paramLabel = "NAME", defaultValue = "glue-orchestrator",
            description = "The orchestrator's EventBridge bus, where starting or stopping a run publishes its events "
                    + "as the functions would (default: ${DEFAULT-VALUE}; an empty name publishes nothing).")
    String eventBus;

    URI dynamoDbEndpoint() {
        return dynamoDbEndpointUrl != null ? dynamoDbEndpointUrl : endpointUrl;
    }

    URI glueEndpoint() {
        return glueEndpointUrl != null ? glueEndpointUrl : endpointUrl;
    }

    /** {@code --region}, else the SDK's default chain (AWS_REGION, the profile); a usage error when neither. */
    Region region(CommandLine commandLine) {
        return AwsRegion.resolve(region, commandLine);
    }
}
