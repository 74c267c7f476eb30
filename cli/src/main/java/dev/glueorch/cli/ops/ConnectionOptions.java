package dev.glueorch.cli.ops;

import dev.glueorch.cli.AwsRegion;
import dev.glueorch.clients.AwsClients;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

/**
 * Where a deployed orchestrator is: its stack or table, Region and, for emulators, endpoint URLs. The mixin of the
 * commands that only read; those that start or stop runs use {@link PublishingConnectionOptions}, which adds the bus.
 */
public class ConnectionOptions {

    /** The table's name when neither a stack nor a table is given: the construct's default. */
    static final String DEFAULT_TABLE = "glue-orchestrator";

    @Option(names = "--stack", paramLabel = "STACK", defaultValue = "${env:GLUEORCH_STACK}",
            description = "The deployed glue-orchestrator stack (default: GLUEORCH_STACK): the table, and the bus of "
                    + "commands that publish, are read from its outputs TableName and EventBusName. Not with "
                    + "--table-name.")
    String stack;

    @Option(names = "--table-name", paramLabel = "TABLE", defaultValue = "${env:GLUEORCH_TABLE}",
            description = "The orchestrator's DynamoDB table (default: the --stack's, else GLUEORCH_TABLE, else "
                    + DEFAULT_TABLE + "). Not with --stack.")
    String tableName;

    @Option(names = "--region", paramLabel = "REGION",
            description = "The AWS Region (default: AWS_REGION or your AWS profile's).")
    String region;

    @Option(names = "--endpoint-url", paramLabel = "URL", converter = EndpointUrlConverter.class,
            description = "Send DynamoDB, Glue, STS, EventBridge and CloudFormation requests to this URL (an "
                    + "emulator, say) instead of AWS's.")
    URI endpointUrl;

    @Option(names = "--dynamodb-endpoint-url", paramLabel = "URL", converter = EndpointUrlConverter.class,
            description = "Send DynamoDB requests here instead (wins over --endpoint-url), e.g. DynamoDB Local.")
    URI dynamoDbEndpointUrl;

    @Option(names = "--glue-endpoint-url", paramLabel = "URL", converter = EndpointUrlConverter.class,
            description = "Send Glue requests here instead (wins over --endpoint-url).")
    URI glueEndpointUrl;

    /**
     * The table (and bus) this command works on. Given once: {@code --table-name} with {@code --stack} is a usage
     * error, and so are both variables; an option wins over the other's variable. With a stack, its outputs are read
     * through {@code cloudFormation} (DescribeStacks).
     *
     * @throws ParameterException both given
     * @throws dev.glueorch.engine.OperationException the stack is unknown, not an orchestrator, or may not be read
     */
    Target target(CommandLine commandLine, Supplier<CloudFormationClient> cloudFormation, Region region) {
        ParseResult given = commandLine.getParseResult();
        boolean tableGiven = given.hasMatchedOption("--table-name");
        boolean stackGiven = given.hasMatchedOption("--stack");
        if (tableGiven && stackGiven) {
            throw new ParameterException(commandLine, "--stack and --table-name both name the table: give one "
                    + "(--stack reads it from the stack's TableName output)");
        }
        if (!tableGiven && !stackGiven && stack != null && tableName != null) {
            throw new ParameterException(commandLine, "GLUEORCH_STACK and GLUEORCH_TABLE are both set: unset one, "
                    + "or pass --stack or --table-name");
        }
        if (stack == null || tableGiven) {
            return new Target(tableName == null ? DEFAULT_TABLE : tableName, eventBus(null), null);
        }
        try (CloudFormationClient client = cloudFormation.get()) {
            StackOutputs outputs = StackOutputs.read(client, stack, region);
            return new Target(outputs.tableName(), eventBus(outputs), stack);
        }
    }

    /** The bus where starting or stopping a run publishes its events; empty (none) for a command that only reads. */
    String eventBus(StackOutputs stack) {
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
