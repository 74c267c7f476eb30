package dev.glueorch.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.glueorch.infra.GlueOrchestrator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Function;

@Synthesized
class FunctionsTest {

    private final SynthesizedStack synthesized;
    private final Template template;
    private final GlueOrchestrator orchestrator;

    FunctionsTest(SynthesizedStack synthesized, Template template, GlueOrchestrator orchestrator) {
        this.synthesized = synthesized;
        this.template = template;
        this.orchestrator = orchestrator;
    }

    /**
     * The functions EventBridge invokes: their handler class, named as a string (the construct does not load it), how
     * long each may run, and what else a function's definition says.
     */
    static Stream<Arguments> functionsInvokedByEventBridge(SynthesizedStack synthesized,
            GlueOrchestrator orchestrator) {
        return Stream.of(
                arguments("glue event function", "dev.glueorch.handler.GlueEventHandler::handleRequest", 60, Map.of()),
                arguments("schedule tick function", "dev.glueorch.handler.ScheduleTickHandler::handleRequest", 120,
                        Map.of()),
                arguments("reconcile function, sending failed asynchronous invocations to its own dead-letter queue,",
                        "dev.glueorch.handler.ReconcileHandler::handleRequest", 5 * 60, Map.of("DeadLetterConfig",
                                Map.of("TargetArn", synthesized.arnOf(orchestrator.getReconcileDeadLetterQueue())))));
    }

    @ParameterizedTest(name = "{0} should run java21 on arm64, 512 MB, SnapStart, {2}-second timeout")
    @MethodSource("functionsInvokedByEventBridge")
    void function_shouldRunJava21OnArmWithSnapStartAndItsTimeout(String function, String handler, int timeoutSeconds,
            Map<String, Object> moreProperties) {
        // GIVEN the function's handler class
        Map<String, Object> properties = new HashMap<>(Map.of(
                "Handler", handler,
                "Runtime", "java21",
                "Architectures", List.of("arm64"),
                "MemorySize", 512,
                "Timeout", timeoutSeconds,
                "SnapStart", Map.of("ApplyOn", "PublishedVersions")));
        properties.putAll(moreProperties);

        // WHEN / THEN its function runs it on java21, arm64, 512 MB, SnapStart on published versions, for as long as
        // the function needs
        template.hasResourceProperties("AWS::Lambda::Function", properties);
    }

    @Test
    void functions_shouldGetTableBusHistoryAndPowertoolsSettingsFromTheEnvironment() {
        // GIVEN the variables the handlers read
        Map<String, Object> variables = new HashMap<>(Map.of(
                "TABLE_NAME", synthesized.refOf(orchestrator.getTable()),
                "EVENT_BUS_NAME", synthesized.refOf(orchestrator.getEventBus()),
                "EVENT_BUS_ARN", synthesized.arnOf(orchestrator.getEventBus()),
                "ACCOUNT_ID", Map.of("Ref", "AWS::AccountId"),
                "TRUSTED_ACCOUNTS", "",
                "HISTORY_TTL_DAYS", "90",
                "POWERTOOLS_SERVICE_NAME", "glue-orchestrator",
                "POWERTOOLS_METRICS_NAMESPACE", "GlueOrchestrator",
                "POWERTOOLS_LOG_LEVEL", "INFO",
                "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"));
        // where the tick and the reconciler hand due slots to the start workers
        variables.put("START_QUEUE_URL", synthesized.refOf(orchestrator.getStartWorkers().getQueue()));

        // WHEN / THEN the four Java functions (operations included) have exactly these variables (the start worker,
        // the fifth, has its rate on top, StartWorkersTest; the definitions deployment gets its table from the custom
        // resource, and the seventh is CDK's provider framework)
        template.resourceCountIs("AWS::Lambda::Function", 7);
        template.resourcePropertiesCountIs("AWS::Lambda::Function", Map.of(
                "Runtime", "java21",
                "Environment", Map.of("Variables", Match.objectEquals(variables))), 4);
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", GlueOrchestrator.OPERATIONS_HANDLER,
                "Environment", Map.of("Variables", Match.objectEquals(variables))));
    }

    @Test
    void functions_shouldSendFailedAsyncInvocationsToTheirOwnDeadLetterQueue() {
        // GIVEN each function and its dead-letter queue
        // WHEN / THEN the function's DeadLetterConfig targets that queue, and the three queues differ; the
        // operations function, invoked synchronously only, has none
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", GlueOrchestrator.GLUE_EVENT_HANDLER,
                "DeadLetterConfig", Map.of("TargetArn",
                        synthesized.arnOf(orchestrator.getGlueEventDeadLetterQueue()))));
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", GlueOrchestrator.SCHEDULE_TICK_HANDLER,
                "DeadLetterConfig", Map.of("TargetArn",
                        synthesized.arnOf(orchestrator.getScheduleTickDeadLetterQueue()))));
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", GlueOrchestrator.RECONCILE_HANDLER,
                "DeadLetterConfig", Map.of("TargetArn",
                        synthesized.arnOf(orchestrator.getReconcileDeadLetterQueue()))));
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", GlueOrchestrator.OPERATIONS_HANDLER,
                "DeadLetterConfig", Match.absent()));
        template.resourcePropertiesCountIs("AWS::Lambda::Function", Map.of(
                "DeadLetterConfig", Match.anyValue()), 3);
        assertThat(List.of(synthesized.logicalId(orchestrator.getGlueEventDeadLetterQueue()),
                synthesized.logicalId(orchestrator.getScheduleTickDeadLetterQueue()),
                synthesized.logicalId(orchestrator.getReconcileDeadLetterQueue()))).doesNotHaveDuplicates();
    }

    @Test
    void aliases_shouldPointLiveAtThePublishedCurrentVersion() {
        // GIVEN the four functions
        for (Function function : List.of(orchestrator.getGlueEventFunction(),
                orchestrator.getScheduleTickFunction(), orchestrator.getReconcileFunction(),
                orchestrator.getOperationsFunction())) {
            // WHEN its published version is looked up
            Map<String, Map<String, Object>> versions = template.findResources("AWS::Lambda::Version", Map.of(
                    "Properties", Map.of("FunctionName", synthesized.refOf(function))));

            // THEN there is one, and a "live" alias points at it
            assertThat(versions).hasSize(1);
            template.hasResourceProperties("AWS::Lambda::Alias", Map.of(
                    "Name", "live",
                    "FunctionName", synthesized.refOf(function),
                    "FunctionVersion", Map.of("Fn::GetAtt", List.of(versions.keySet().iterator().next(), "Version"))));
        }
        template.resourceCountIs("AWS::Lambda::Alias", 5);
    }

    @Test
    void aliases_shouldBoundAsyncRetriesAndEventAge() {
        // GIVEN the aliases EventBridge invokes
        Map<String, Object> glueAlias = synthesized.refOf(orchestrator.getGlueEventAlias());
        Map<String, Object> tickAlias = synthesized.refOf(orchestrator.getScheduleTickAlias());
        Map<String, Object> reconcileAlias = synthesized.refOf(orchestrator.getReconcileAlias());

        // WHEN / THEN the asynchronous invoke settings are on the alias qualifier, not $LATEST; a reconcile gets
        // room for one retry after a run that used its whole five minutes
        template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Map.of(
                "FunctionName", synthesized.refOf(orchestrator.getGlueEventFunction()),
                "Qualifier", Map.of("Fn::Select", List.of(7, Map.of("Fn::Split", List.of(":", glueAlias)))),
                "MaximumRetryAttempts", 2,
                "MaximumEventAgeInSeconds", 6 * 3600));
        template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Map.of(
                "FunctionName", synthesized.refOf(orchestrator.getScheduleTickFunction()),
                "Qualifier", Map.of("Fn::Select", List.of(7, Map.of("Fn::Split", List.of(":", tickAlias)))),
                "MaximumRetryAttempts", 1,
                "MaximumEventAgeInSeconds", 300));
        template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Map.of(
                "FunctionName", synthesized.refOf(orchestrator.getReconcileFunction()),
                "Qualifier", Map.of("Fn::Select", List.of(7, Map.of("Fn::Split", List.of(":", reconcileAlias)))),
                "MaximumRetryAttempts", 1,
                "MaximumEventAgeInSeconds", 900));
        // The operations function is invoked synchronously only: its alias has no asynchronous settings
        template.resourceCountIs("AWS::Lambda::EventInvokeConfig", 3);
        template.resourcePropertiesCountIs("AWS::Lambda::EventInvokeConfig", Map.of(
                "FunctionName", synthesized.refOf(orchestrator.getOperationsFunction())), 0);
    }

    @Test
    void functions_shouldLogToTheirOwnLogGroupWithRetention() {
        // GIVEN the functions' explicit log groups
        Map<String, Object> glueLogGroup = synthesized.refOf(orchestrator.getGlueEventLogGroup());
        Map<String, Object> tickLogGroup = synthesized.refOf(orchestrator.getScheduleTickLogGroup());
        Map<String, Object> reconcileLogGroup = synthesized.refOf(orchestrator.getReconcileLogGroup());
        Map<String, Object> operationsLogGroup = synthesized.refOf(orchestrator.getOperationsLogGroup());

        // WHEN / THEN each function logs to a log group of its own, kept three months
        assertThat(List.of(glueLogGroup, tickLogGroup, reconcileLogGroup, operationsLogGroup))
                .doesNotHaveDuplicates();
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", GlueOrchestrator.GLUE_EVENT_HANDLER,
                "LoggingConfig", Map.of("LogGroup", glueLogGroup)));
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", GlueOrchestrator.SCHEDULE_TICK_HANDLER,
                "LoggingConfig", Map.of("LogGroup", tickLogGroup)));
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", GlueOrchestrator.RECONCILE_HANDLER,
                "LoggingConfig", Map.of("LogGroup", reconcileLogGroup)));
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", GlueOrchestrator.OPERATIONS_HANDLER,
                "LoggingConfig", Map.of("LogGroup", operationsLogGroup)));
        // the fifth is the start worker's (StartWorkersTest), the sixth the definitions deployment's own
        template.resourceCountIs("AWS::Logs::LogGroup", 6);
        template.allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 90));
    }
}
