package dev.glueorch.cli.ops;

import dev.glueorch.cli.AwsRegion;
import dev.glueorch.clients.AwsClients;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import software.amazon.awssdk.regions.Region;

/**
 * Where a deployed orchestrator is: its table, Region and, for emulators, endpoint URLs. The mixin of the commands
 * that only read; those that start or stop runs use {@link PublishingConnectionOptions}, which adds the bus.
 */
public class ConnectionOptions {

    @Option(names = "--table-name", paramLabel = "TABLE", defaultValue = "${env:GLUEORCH_TABLE:-glue-orchestrator}",
            description = "The orchestrator's DynamoDB table (default: GLUEORCH_TABLE, else glue-orchestrator; now "
                    + "${DEFAULT-VALUE}).")
    String tableName;

    @Option(names = "--region", paramLabel = "REGION",
            description = "The AWS Region (default: AWS_REGION or your AWS profile's).")
    String region;

    @Option(names = "--endpoint-url", paramLabel = "URL", converter = EndpointUrlConverter.class,
            description = "Send DynamoDB, Glue, STS and EventBridge requests to this URL (an emulator, say) instead "
                    + "of AWS's.")
    URI endpointUrl;

    @Option(names = "--dynamodb-endpoint-url", paramLabel = "URL", converter = EndpointUrlConverter.class,
            description = "Send DynamoDB requests here instead (wins over --endpoint-url), e.g. DynamoDB Local.")
    URI dynamoDbEndpointUrl;

    @Option(names = "--glue-endpoint-url", paramLabel = "URL", converter = EndpointUrlConverter.class,
            description = "Send Glue requests here instead (wins over --endpoint-url).")
    URI glueEndpointUrl;

    /** The bus where starting or stopping a run publishes its events; empty (none) for a command that only reads. */
    String eventBus() {
        return "";
    }

    /**
     * The endpoint URLs given, as the AWS SDKs' endpoint variables: {@code --endpoint-url} is
     * {@code AWS_ENDPOINT_URL} (every service), the others name one service's and win over it.
     */
    Map<String, String> endpoints() {
        Map<String, String> endpoints = new HashMap<>();
        put(endpoints, AwsClients.ENDPOINT_URL, endpointUrl);
        put(endpoints, AwsClients.ENDPOINT_URL + "_DYNAMODB", dynamoDbEndpointUrl);
        put(endpoints, AwsClients.ENDPOINT_URL + "_GLUE", glueEndpointUrl);
        return endpoints;
    }

    private static void put(Map<String, String> endpoints, String variable, URI endpoint) {
        if (endpoint != null) {
            endpoints.put(variable, endpoint.toString());
        }
    }

    /** {@code --region}, else the SDK's default chain (AWS_REGION, the profile); a usage error when neither. */
    Region region(CommandLine commandLine) {
        return AwsRegion.resolve(region, commandLine);
    }
}
