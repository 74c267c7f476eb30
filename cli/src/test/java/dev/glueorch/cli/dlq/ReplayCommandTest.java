package dev.glueorch.cli.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.cli.GlueOrch;
import dev.glueorch.testing.MotoServer;
import dev.glueorch.testing.Resources;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code glueorch dlq replay} end to end against moto, for SQS and for Lambda: a function with a {@code live} alias,
 * created through the Lambda API, invoked by moto's Lambda without Docker (which accepts the event and runs
 * nothing).
 */
class ReplayCommandTest {

    private static final String FUNCTION = "GlueOrchestrator-GlueEventFunction";
    private static final String JOB_SUCCEEDED = Resources.event("job-succeeded.json");
    private static final String SCHEDULE_TICK = Resources.event("schedule-tick.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static MotoServer moto;
    private static SqsClient sqs;
    private static String aliasArn;

    @BeforeAll
    static void createTheFunctionInMoto() {
        moto = MotoServer.shared();
        sqs = moto.sqs();
        motoLambdaUsesDocker(false);
        try (IamClient iam = IamClient.builder().endpointOverride(moto.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
             LambdaClient lambda = LambdaClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build()) {
            String role = iam.createRole(r -> r.roleName("glueorch-replay-" + System.nanoTime())
                    .assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"))
                    .role().arn();
            String version = lambda.createFunction(r -> r.functionName(FUNCTION).runtime(Runtime.JAVA21).role(role)
                    .handler("dev.glueorch.handler.GlueEventHandler::handleRequest").publish(true)
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(emptyZip())))).version();
            aliasArn = lambda.createAlias(r -> r.functionName(FUNCTION).name("live").functionVersion(version))
                    .aliasArn();
        }
    }

    @Test
    void replay_shouldInvokeTheTargetAliasDeleteTheMessageAndExit0() throws IOException {
        // GIVEN the rule targets' DLQ holds an event the rule could not deliver to the function's live alias
        TestQueue queue = TestQueue.create(sqs);
        queue.sendRuleTargetDeadLetter(JOB_SUCCEEDED, aliasArn, "NO_PERMISSIONS");

        // WHEN replayed, with the endpoint for both SQS and Lambda
        Run run = glueorch("dlq", "replay", "--queue-url", queue.url(), "--region", "us-east-1", "--endpoint-url",
                moto.endpoint().toString(), "--output", "json");

        // THEN Lambda accepted it, the message is gone, and the report says so
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("summary").get("replayed").asInt()).isEqualTo(1);
        JsonNode message = report.get("messages").get(0);
        assertThat(message.get("status").asText()).isEqualTo("REPLAYED");
        assertThat(message.get("eventId").asText()).isEqualTo("4f3b4f7f-e8fe-451d-9330-9f5081c234a1");
        assertThat(message.get("detailType").asText()).isEqualTo("Glue Job State Change");
        assertThat(message.get("target").asText()).isEqualTo(aliasArn);
        assertThat(message.get("errorCode").asText()).isEqualTo("NO_PERMISSIONS");
        assertThat(queue.visibleCount() + queue.inFlightCount()).isZero();
    }

    @Test
    void unknownFunction_shouldExit1AndKeepTheMessage() {
        // GIVEN a dead letter and a function name Lambda does not know (moto checks names only in its Docker mode,
        // and answers 404 before it would need Docker)
        TestQueue queue = TestQueue.create(sqs);
        queue.sendFunctionDeadLetter(JOB_SUCCEEDED);
        motoLambdaUsesDocker(true);
        Run run;
        try {
            // WHEN replayed to it
            run = glueorch("dlq", "replay", "--queue-url", queue.url(), "--function", "GlueOrchestrator-Missing",
                    "--endpoint-url", moto.endpoint().toString());
        } finally {
            motoLambdaUsesDocker(false);
        }

        // THEN exit 1, the message is still there and visible, and the table says why
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("0 replayed, 0 left, 1 failed");
        assertThat(row(run.out(), "FAILED")).contains("4f3b4f7f-e8fe-451d-9330-9f5081c234a1")
                .contains("GlueOrchestrator-Missing").contains("ResourceNotFoundException");
        assertThat(queue.visibleCount()).isEqualTo(1);
    }

    @Test
    void messageWithoutTarget_shouldExit1AndSayPassFunction() {
        // GIVEN a function's dead letter, which names no function
        TestQueue queue = TestQueue.create(sqs);
        queue.sendFunctionDeadLetter(SCHEDULE_TICK);

        // WHEN replayed without --function
        Run run = glueorch("dlq", "replay", "--queue-url", queue.url(), "--endpoint-url",
                moto.endpoint().toString());

        // THEN it is left and reported
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(row(run.out(), "LEFT")).contains("cddf9ed6-3bb1-4ff1-99de-18170d7a12b5").contains("Scheduled Event")
                .contains("pass --function");
        assertThat(queue.visibleCount()).isEqualTo(1);
    }

    @Test
    void dryRun_shouldListEventIdDetailTypeTargetAndErrorCodeAndChangeNothing() {
        // GIVEN a rule target's dead letter
        TestQueue queue = TestQueue.create(sqs);
        queue.sendRuleTargetDeadLetter(JOB_SUCCEEDED, aliasArn, "NO_PERMISSIONS");

        // WHEN dry-run
        Run run = glueorch("dlq", "replay", "--queue-url", queue.url(), "--dry-run", "--endpoint-url",
                moto.endpoint().toString());

        // THEN exit 0 (everything could go), one row with what would happen, and the message visible as before
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("dry run (nothing invoked or deleted): 1 would be replayed, 0 would be left");
        assertThat(row(run.out(), "WOULD_REPLAY")).contains("4f3b4f7f-e8fe-451d-9330-9f5081c234a1")
                .contains("Glue Job State Change").contains(aliasArn).contains("NO_PERMISSIONS");
        assertThat(queue.visibleCount()).isEqualTo(1);
        assertThat(queue.inFlightCount()).isZero();
    }

    @Test
    void badUsage_shouldExit2WithTheReason() {
        Run noQueue = glueorch("dlq", "replay");
        assertThat(noQueue.exitCode()).isEqualTo(2);
        assertThat(noQueue.err()).contains("Missing required option: '--queue-url=URL'")
                .contains("Run 'glueorch dlq replay --help' for its usage.");

        Run zero = glueorch("dlq", "replay", "--queue-url", "https://sqs.us-east-1.amazonaws.com/1/q", "--max", "0");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).contains("--max: must be at least 1, was 0");

        Run output = glueorch("dlq", "replay", "--queue-url", "https://sqs.us-east-1.amazonaws.com/1/q",
                "--output", "yaml");
        assertThat(output.exitCode()).isEqualTo(2);

        Run noSubcommand = glueorch("dlq");
        assertThat(noSubcommand.exitCode()).isEqualTo(2);
        assertThat(noSubcommand.err()).contains("Missing required subcommand of glueorch dlq: one of replay");
    }

    @Test
    void help_shouldSayWhatReplayDoes() {
        Run run = glueorch("dlq", "replay", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().replaceAll("\\s+", " ")).contains("Re-drive the events in a dead-letter queue")
                .contains("delete the message only after Lambda accepted it").contains("--dry-run")
                .contains("--endpoint-url").contains("Exit codes:");
    }

    /** One {@code glueorch} invocation in this JVM: its exit code and what it printed. */
    private record Run(int exitCode, String out, String err) {
    }

    private static Run glueorch(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GlueOrch.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    private static String row(String table, String status) {
        return table.lines().filter(line -> line.startsWith(status + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + status + " row in:\n" + table));
    }

    /** moto's Lambda runs functions in Docker unless told not to (there is no Docker here). */
    private static void motoLambdaUsesDocker(boolean useDocker) {
        HttpRequest request = HttpRequest.newBuilder(moto.endpoint().resolve("/moto-api/config"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"lambda\": {\"use_docker\": " + useDocker + "}}"))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    }

    private static byte[] emptyZip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("README.txt"));
            zip.write("moto stores the package and runs nothing".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
