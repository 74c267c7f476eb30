package dev.glueorch.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.glueorch.cli.ExitStatus;
import dev.glueorch.cli.GlueOrch;
import dev.glueorch.cli.ops.Deployment.Result;
import dev.glueorch.clients.AwsClients;
import dev.glueorch.testing.DynamoDbLocal;
import dev.glueorch.testing.MotoServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

/**
 * {@code --stack}: the operator commands find the table (and bus) in a deployed stack's outputs, read from moto's
 * CloudFormation, and say in one line what to fix when the stack is not there, not an orchestrator's, or not theirs
 * to read.
 */
@ExtendWith(Deployments.class)
class StackOptionTest {

    private final Deployment deployment;
    private AwsClients clients;
    private CloudFormationClient cloudFormation;

    StackOptionTest(Deployment deployment) {
        this.deployment = deployment;
    }

    @BeforeEach
    void connect() {
        clients = MotoServer.shared().clients();
        cloudFormation = clients.build(CloudFormationClient.builder(), "CLOUDFORMATION");
    }

    @AfterEach
    void close() {
        cloudFormation.close();
        clients.close();
    }

    @Test
    void workflowsListWithStack_shouldReadTheTableFromTheStacksTableNameOutput() {
        // GIVEN a stack whose TableName output is the deployment's table
        String stack = stack("\"TableName\": {\"Value\": \"" + deployment.table + "\"}, "
                + "\"EventBusName\": {\"Value\": \"orchestrator-bus\"}");

        // WHEN
        Result result = glueorch("workflows", "list", "--stack", stack);

        // THEN
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains(Deployment.WORKFLOW);
    }

    @Test
    void publishingCommandWithStack_shouldPublishToTheStacksBusUnlessEventBusIsGiven() {
        // GIVEN
        String stack = stack("\"TableName\": {\"Value\": \"" + deployment.table + "\"}, "
                + "\"EventBusName\": {\"Value\": \"orchestrator-bus\"}");

        // WHEN
        Target fromStack = target(new RunsStartCommand(), Deployment.WORKFLOW, "--stack", stack);
        Target busGiven = target(new RunsStartCommand(), Deployment.WORKFLOW, "--stack", stack, "--event-bus", "mine");
        Target reading = target(new RunsListCommand(), Deployment.WORKFLOW, "--stack", stack);

        // THEN
        assertThat(fromStack).isEqualTo(new Target(deployment.table, "orchestrator-bus", stack));
        assertThat(busGiven.eventBus()).isEqualTo("mine");
        assertThat(reading.eventBus()).as("a command that only reads publishes nothing").isEmpty();
    }

    @Test
    void stackWithTableName_shouldBeABadUsage() {
        // GIVEN
        String stack = stack("\"TableName\": {\"Value\": \"" + deployment.table + "\"}");

        // WHEN
        Result result = glueorch("workflows", "list", "--stack", stack, "--table-name", deployment.table);

        // THEN
        assertThat(result.exitCode()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(result.err()).startsWith("--stack and --table-name both name the table: give one");
    }

    @Test
    void unknownStack_shouldFailInOneLineNamingTheStackAndTheFix() {
        // WHEN
        Result result = glueorch("workflows", "list", "--stack", "NoSuchStack");

        // THEN
        assertThat(result.exitCode()).isEqualTo(ExitStatus.FAILED);
        assertThat(result.err()).isEqualTo("stack NoSuchStack not found in us-east-1: pass the name 'cdk deploy' "
                + "printed (default GlueOrchestrator) with --stack, and its Region with --region\n");
    }

    @Test
    void stackWithoutTableNameOutput_shouldSayItIsNotAnOrchestratorStack() {
        // GIVEN
        String stack = stack("\"QueueUrl\": {\"Value\": \"https://example\"}");

        // WHEN
        Result result = glueorch("runs", "list", Deployment.WORKFLOW, "--stack", stack);

        // THEN
        assertThat(result.exitCode()).isEqualTo(ExitStatus.FAILED);
        assertThat(result.err()).startsWith("stack " + stack + " in us-east-1 (CREATE_COMPLETE) has no output "
                + "TableName: it is not a glue-orchestrator stack").hasLineCount(1);
    }

    @Test
    void stackThatMayNotBeRead_shouldSayWhichPermissionIsMissing() throws IOException {
        // GIVEN CloudFormation answering DescribeStacks as it does to credentials without the permission
        HttpServer denying = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        denying.createContext("/", exchange -> {
            byte[] body = ("<ErrorResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><Error>"
                    + "<Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::123456789012:user/ops "
                    + "is not authorized to perform: cloudformation:DescribeStacks</Message></Error>"
                    + "<RequestId>1</RequestId></ErrorResponse>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(403, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        denying.start();
        try {
            // WHEN
            Result result = run(List.of("workflows", "list", "--stack", "GlueOrchestrator", "--region", "us-east-1",
                    "--endpoint-url", "http://127.0.0.1:" + denying.getAddress().getPort()));

            // THEN
            assertThat(result.exitCode()).isEqualTo(ExitStatus.FAILED);
            assertThat(result.err()).isEqualTo("not allowed to read stack GlueOrchestrator in us-east-1 "
                    + "(cloudformation:DescribeStacks): grant that permission to your credentials, or pass "
                    + "--table-name (and --event-bus) instead of --stack\n");
        } finally {
            denying.stop(0);
        }
    }

    /** Creates a stack in moto's CloudFormation with one resource moto can create and these outputs. */
    private String stack(String outputs) {
        String name = "GlueOrchestrator-" + UUID.randomUUID().toString().substring(0, 8);
        cloudFormation.createStack(b -> b.stackName(name).templateBody("{\"Resources\": {\"Topic\": "
                + "{\"Type\": \"AWS::SNS::Topic\"}}, \"Outputs\": {" + outputs + "}}"));
        return name;
    }

    /** {@code glueorch args...} against DynamoDB Local and moto, naming no table. */
    private static Result glueorch(String... args) {
        List<String> line = new ArrayList<>(List.of(args));
        line.addAll(List.of("--endpoint-url", MotoServer.shared().endpoint().toString(),
                "--dynamodb-endpoint-url", DynamoDbLocal.endpoint().toString(), "--region", "us-east-1"));
        return run(line);
    }

    private static Result run(List<String> line) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GlueOrch.run(new PrintWriter(out, true), new PrintWriter(err, true), line.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    /** The table and bus the connection options of {@code command} resolve to, given {@code args}. */
    private Target target(Object command, String... args) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.parseArgs(args);
        ConnectionOptions connection = command instanceof RunsStartCommand start ? start.connection
                : ((RunsListCommand) command).connection;
        return connection.target(commandLine, () -> clients.build(CloudFormationClient.builder(), "CLOUDFORMATION"),
                Region.US_EAST_1);
    }
}
