package dev.glueorch.cli.dlq;

import dev.glueorch.cli.AwsRegion;
import dev.glueorch.cli.ExitStatus;
import dev.glueorch.clients.AwsClients;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@code glueorch dlq replay --queue-url URL [--function NAME_OR_ARN] [--max N] [--dry-run] ...}. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Re-drive the events in a dead-letter queue: invoke the function asynchronously with each "
                + "message's body, unchanged, and delete the message only after Lambda accepted it (202).",
            "The function is --function, else the message's TARGET_ARN attribute (set by EventBridge rule targets' "
                + "dead-letter queues). A Lambda function's own dead-letter queue does not name the function: pass "
                + "--function (its live alias ARN). A message without a target, with a body that is not JSON, or "
                + "whose invoke fails stays in the queue and is visible again when the command ends.",
            "Credentials come from the default AWS provider chain."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every message was replayed (with --dry-run: would be)",
            "1:a message was left in the queue or failed, or the queue could not be read", "2:bad usage"})
final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--queue-url", required = true, paramLabel = "URL", description = "The dead-letter queue.")
    String queueUrl;

    @Option(names = "--function", paramLabel = "NAME_OR_ARN",
            description = "Invoke this function (name, ARN or alias ARN) with every message, whatever its "
                    + "TARGET_ARN.")
    String function;

    @Option(names = "--max", paramLabel = "N", defaultValue = "" + ReplayRequest.DEFAULT_MAX,
            description = "Handle at most N messages (default: ${DEFAULT-VALUE}).")
    int max;

    @Option(names = "--dry-run",
            description = "List what would be replayed (event id, detail-type, target, error code); invoke and "
                    + "delete nothing. The messages are received, then made visible again at once.")
    boolean dryRun;

    @Option(names = "--region", paramLabel = "REGION",
            description = "The AWS Region (default: AWS_REGION or your AWS profile's).")
    String region;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Send SQS and Lambda requests to this URL (an emulator, say) instead of AWS's.")
    URI endpointUrl;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table",
            description = "json or table (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (max < 1) {
            throw new ParameterException(spec.commandLine(), "--max: must be at least 1, was " + max);
        }
        ReplayRequest request = new ReplayRequest(queueUrl, function, max, dryRun);
        ReplayReport report;
        Map<String, String> endpoints = endpointUrl == null ? Map.of()
                : Map.of(AwsClients.ENDPOINT_URL, endpointUrl.toString());
        try (AwsClients clients = AwsClients.create(AwsRegion.resolve(region, spec.commandLine()), endpoints);
             SqsClient sqs = clients.build(SqsClient.builder(), "SQS");
             LambdaClient lambda = clients.build(LambdaClient.builder(), "LAMBDA")) {
            report = new DlqReplayer(sqs, lambda).replay(request);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(output.render(report));
        out.flush();
        return report.complete() ? ExitStatus.OK : ExitStatus.FAILED;
    }
}
