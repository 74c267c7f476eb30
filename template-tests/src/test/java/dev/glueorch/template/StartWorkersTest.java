package dev.glueorch.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glueorch.infra.GlueOrchestrator;
import dev.glueorch.infra.GlueOrchestratorProps;
import dev.glueorch.infra.StartWorkers;
import dev.glueorch.model.DefinitionLoader;
import dev.glueorch.model.Definitions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The fan-out of the top of the hour: the start queue, its alarmed dead-letter queue, the start worker and the event
 * source mapping with bounded concurrency, and who may send to or read the queue. On the test workflows with the
 * defaults, and with the rate and worker count set.
 */
@Synthesized
class StartWorkersTest {

    private static Template tuned;

    private final SynthesizedStack synthesized;
    private final Template template;
    private final StartWorkers workers;

    @BeforeAll
    static void synthesizeTuned() {
        Stack stack = new Stack(new App(), "Tuned");
        new GlueOrchestrator(stack, "Orchestrator", props().glueStartRate(50).startWorkers(10).build());
        tuned = Template.fromStack(stack);
    }

    StartWorkersTest(SynthesizedStack synthesized, Template template, GlueOrchestrator orchestrator) {
        this.synthesized = synthesized;
        this.template = template;
        this.workers = orchestrator.getStartWorkers();
    }

    private static GlueOrchestratorProps.Builder props() {
        Definitions definitions = new DefinitionLoader().load(SynthesizedStack.resource("jobs-only-workflows"));
        return GlueOrchestratorProps.builder().definitions(definitions)
                .lambdaPackage(SynthesizedStack.dummyLambdaPackage());
    }

    @Test
    void startQueue_shouldBeEncryptedTlsOnlyAndRedriveToItsDeadLetterQueue() {
        // GIVEN the start queue and its dead-letter queue
        Map<String, Object> deadLetterArn = synthesized.arnOf(workers.getDeadLetterQueue());
        // WHEN / THEN the queue is SSE, keeps a slot 14 days, hides a received slot 6 × the worker's timeout, and
        // sends a slot the workers failed on 10 times to the dead-letter queue
        template.hasResourceProperties("AWS::SQS::Queue", Map.of(
                "SqsManagedSseEnabled", true,
                "MessageRetentionPeriod", 14 * 24 * 3600,
                "VisibilityTimeout", 30 * 60,
                "RedrivePolicy", Map.of("deadLetterTargetArn", deadLetterArn, "maxReceiveCount", 10)));
        template.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of(
                "Queues", List.of(synthesized.refOf(workers.getQueue())),
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(
                        Map.of("Effect", "Deny", "Action", "sqs:*", "Condition",
                                Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))))));
    }

    @Test
    void deadLetterQueue_shouldAlarmOnItsFirstMessage() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "ApproximateNumberOfMessagesVisible",
                "Dimensions", List.of(Map.of("Name", "QueueName",
                        "Value", Map.of("Fn::GetAtt", List.of(synthesized.logicalId(workers.getDeadLetterQueue()),
                                "QueueName")))),
                "Threshold", 1,
                "EvaluationPeriods", 1,
                "TreatMissingData", "notBreaching"));
    }

    @Test
    void eventSourceMapping_shouldBoundTheWorkersAndReportItemFailures() {
        // GIVEN the defaults
        // WHEN / THEN the worker's live alias reads the start queue ten at a time, at most five at once, and
        // returns single messages to the queue
        Capture functionName = new Capture();
        template.resourceCountIs("AWS::Lambda::EventSourceMapping", 1);
        template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                "EventSourceArn", synthesized.arnOf(workers.getQueue()),
                "FunctionName", functionName,
                "BatchSize", 10,
                "ScalingConfig", Map.of("MaximumConcurrency", GlueOrchestratorProps.DEFAULT_START_WORKERS),
                "FunctionResponseTypes", List.of("ReportBatchItemFailures")));
        // the alias ARN's function name, qualified with "live" (not $LATEST)
        assertThat(functionName.asObject()).isEqualTo(Map.of("Fn::Join", List.of("", List.of(
                Map.of("Fn::Select", List.of(6, Map.of("Fn::Split", List.of(":",
                        synthesized.refOf(workers.getWorkerAlias()))))), ":live"))));
    }

    @Test
    void worker_shouldBeTheStartWorkerHandlerWithTheRateAndItsShare() {
        // GIVEN rate 50 and 10 workers
        // WHEN / THEN the mapping runs at most 10, and each worker knows the rate, the workers and its queue
        tuned.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                "ScalingConfig", Map.of("MaximumConcurrency", 10)));
        tuned.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", StartWorkers.START_WORKER_HANDLER,
                "Timeout", 300,
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "GLUE_START_RATE", "50",
                        "START_WORKERS", "10",
                        "START_QUEUE_URL", Match.anyValue())))));
        // and the worker is invoked synchronously by the mapping: no asynchronous dead-letter queue
        tuned.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", StartWorkers.START_WORKER_HANDLER,
                "DeadLetterConfig", Match.absent()));
    }

    @Test
    void tickAndReconciler_shouldKnowTheQueue_andBeTheOnlySenders() {
        // GIVEN the queue's ARN
        Map<String, Object> queueArn = synthesized.arnOf(workers.getQueue());
        Map<String, Object> queueUrl = synthesized.refOf(workers.getQueue());
        // WHEN / THEN the tick's and the reconciler's functions have its URL
        for (String handler : List.of(GlueOrchestrator.SCHEDULE_TICK_HANDLER, GlueOrchestrator.RECONCILE_HANDLER)) {
            template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "Handler", handler,
                    "Environment", Map.of("Variables", Match.objectLike(Map.of("START_QUEUE_URL", queueUrl)))));
        }
        // and exactly two policies allow sending to it: the tick's role's and the reconciler's
        Object send = Match.objectLike(Map.of("Action", List.of("sqs:SendMessage", "sqs:GetQueueAttributes",
                "sqs:GetQueueUrl"), "Resource", queueArn));
        template.resourcePropertiesCountIs("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of(
                "Statement", Match.arrayWith(List.of(send)))), 2);
        GlueOrchestrator orchestrator = synthesized.stack.getOrchestrator();
        for (Map<String, Object> role : List.of(synthesized.refOf(orchestrator.getScheduleTickFunction().getRole()),
                synthesized.refOf(orchestrator.getReconcileFunction().getRole()))) {
            template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                    "Roles", List.of(role),
                    "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(send)))));
        }
    }

    @Test
    void workerRole_shouldReadOnlyItsQueue_andStartOnlyTheDefinedJobs() {
        // GIVEN the worker's role
        Map<String, Object> role = synthesized.refOf(workers.getWorkerFunction().getRole());
        Map<String, Object> queueArn = synthesized.arnOf(workers.getQueue());
        // WHEN / THEN its SQS rights are the mapping's on this queue, and nothing on any other queue
        template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(role),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", List.of("sqs:ReceiveMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueUrl",
                                "sqs:DeleteMessage", "sqs:GetQueueAttributes"),
                        "Resource", queueArn)))))));
        List<Object> statements = SynthesizedStack.policyStatementsOf(template, role);
        for (Object statement : statements) {
            Map<String, Object> fields = SynthesizedStack.asMap(statement);
            if (String.valueOf(fields.get("Action")).contains("sqs:")) {
                assertThat(fields.get("Resource")).isEqualTo(queueArn);
            }
            assertThat(String.valueOf(fields.get("Resource"))).doesNotContain("\"*\"").isNotEqualTo("*");
        }
        // and it may start the definitions' jobs and look their runs up, as the reconciler (the customer managed
        // policy it shares with the functions of the same rights)
        List<String> jobActions = new ArrayList<>(GlueOrchestrator.GLUE_JOB_ACTIONS);
        jobActions.addAll(GlueOrchestrator.GLUE_JOB_RUN_LOOKUP_ACTIONS);
        template.hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of(
                "Roles", Match.arrayWith(List.of(role)),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", jobActions)))))));
        // under the fixed role name a remote account's role trusts
        template.hasResourceProperties("AWS::IAM::Role", Map.of("RoleName", "glue-orchestrator-start-worker"));
    }

    @Test
    void props_shouldRefuseARateOrWorkerCountGlueOrLambdaCannotHonour() {
        assertThatThrownBy(() -> props().startWorkers(1).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("startWorkers must be at least 2");
        assertThatThrownBy(() -> props().startWorkers(1001).glueStartRate(2000).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 1000");
        assertThatThrownBy(() -> props().glueStartRate(0).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("glueStartRate must be at least 1");
        assertThatThrownBy(() -> props().glueStartRate(8).startWorkers(10).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower startWorkers");
        GlueOrchestratorProps defaults = props().build();
        assertThat(defaults.getGlueStartRate()).isEqualTo(10);
        assertThat(defaults.getStartWorkers()).isEqualTo(5);
    }
}
