package dev.glueorch.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.infra.GlueOrchestratorApp;
import dev.glueorch.infra.MissingLambdaPackageException;
import dev.glueorch.model.DefinitionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

class SynthFailureTest {

    private static final String BROKEN_FILE = "invalid-workflows/broken-daily.json";

    @Test
    void synth_shouldFailWithFileObjectAndFieldOfEveryDefinitionError() {
        // GIVEN a workflow file with two errors: a SCHEDULED trigger without Schedule, a condition on state DONE
        App app = SynthesizedStack.app(SynthesizedStack.resource("invalid-workflows"));

        // WHEN / THEN the app refuses to build a stack, naming file, trigger and field of each
        assertThatThrownBy(() -> GlueOrchestratorApp.create(app))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining(BROKEN_FILE + ": trigger 'broken-start': Schedule: required")
                .hasMessageContaining(BROKEN_FILE + ": trigger 'broken-next': Predicate.Conditions[0].State: 'DONE'")
                .satisfies(e -> assertThat(((DefinitionException) e).errors()).hasSize(2));
        assertThat(app.getNode().getChildren()).isEmpty();
    }

    @Test
    void main_shouldPrintEveryDefinitionErrorAndExitWithOneInsteadOfAStackTrace() throws Exception {
        // GIVEN the app run as `cdk synth` runs it: its own JVM, context passed in CDK_CONTEXT_JSON
        ProcessBuilder synth = javaMain(Map.of(
                "workflows", SynthesizedStack.resource("invalid-workflows").toString(),
                "lambdaPackage", SynthesizedStack.dummyLambdaPackage().toString()));

        // WHEN it runs
        Synth result = run(synth);

        // THEN it fails with both errors, and no Java stack trace buries them
        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output())
                .contains("Synth refused: the workflow definitions are invalid")
                .contains(BROKEN_FILE + ": trigger 'broken-start': Schedule: required")
                .contains(BROKEN_FILE + ": trigger 'broken-next': Predicate.Conditions[0].State: 'DONE'")
                .doesNotContain("\tat dev.glueorch");
    }

    @Test
    void synth_shouldRefuseAJobNameHoldingAnIamWildcard() {
        // GIVEN a valid workflow whose action starts the job "ingest-*"
        App app = SynthesizedStack.app(SynthesizedStack.resource("wildcard-workflows"));

        // WHEN / THEN the construct refuses it, since the IAM policy would then allow every ingest- job
        assertThatThrownBy(() -> GlueOrchestratorApp.create(app))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("wildcard-workflows/wild-hourly.json: trigger 'wild-start': Actions[1].JobName: "
                        + "'ingest-*' holds an IAM wildcard character");
    }

    @Test
    void synth_shouldSayHowToBuildAMissingLambdaPackage() {
        // GIVEN valid workflows and a Lambda package path where nothing was built
        Path missing = Path.of("target", "nowhere", "functions.zip");
        App app = new App(AppProps.builder().context(Map.of(
                "workflows", SynthesizedStack.resource("workflows").toString(),
                "lambdaPackage", missing.toString())).build());

        // WHEN / THEN the app says where it looked and how to build it
        assertThatThrownBy(() -> GlueOrchestratorApp.create(app))
                .isInstanceOf(MissingLambdaPackageException.class)
                .hasMessageContaining(missing.toAbsolutePath().toString())
                .hasMessageContaining("./mvnw -B package -DskipTests");
    }

    @Test
    void main_shouldRefuseAConditionOnAnUntrustedAccountWithExitOne() throws Exception {
        // GIVEN the consumer example, whose condition names account 111111111111, without -c trustedAccounts
        ProcessBuilder synth = javaMain(Map.of(
                "workflows", SynthesizedStack.resource("cross-account/consumer").toString(),
                "lambdaPackage", SynthesizedStack.dummyLambdaPackage().toString()));

        // WHEN it runs
        Synth result = run(synth);

        // THEN it names the file and the account, says how to trust it, and exits with 1 without a stack trace
        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output())
                .contains("Synth refused: consumer/orders-consumer.json: a condition names Account '111111111111'")
                .contains("-c trustedAccounts=111111111111")
                .doesNotContain("\tat dev.glueorch");
    }

    @Test
    void main_shouldRefuseRemoteAccessWithoutJobsWithExitOne() throws Exception {
        // GIVEN the remote-access mode without -c remoteJobs
        ProcessBuilder synth = javaMain(Map.of("remoteAccessFor", "222222222222"));

        // WHEN it runs
        Synth result = run(synth);

        // THEN it says what is missing and exits with 1
        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output())
                .contains("Synth refused: context remoteJobs is required with remoteAccessFor")
                .doesNotContain("\tat dev.glueorch");
    }

    private static ProcessBuilder javaMain(Map<String, String> context) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                GlueOrchestratorApp.class.getName())).redirectErrorStream(true);
        builder.environment().put("CDK_CONTEXT_JSON", new ObjectMapper().writeValueAsString(context));
        return builder;
    }

    /** What a synth in its own JVM printed and how it exited. */
    private record Synth(int exitCode, String output) {
    }

    private static Synth run(ProcessBuilder synth) throws Exception {
        Process process = synth.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Synth(process.exitValue(), output);
    }
}
