package dev.glueorch.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.infra.GlueOrchestrator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

@Synthesized
class EventRulesTest {

    private static final List<String> JOBS = List.of("alert-on-failure", "ingest-inventory", "ingest-orders",
            "ingest-payments", "load-sales", "transform-sales");

    private final SynthesizedStack synthesized;
    private final Template template;
    private final GlueOrchestrator orchestrator;

    EventRulesTest(SynthesizedStack synthesized, Template template, GlueOrchestrator orchestrator) {
        this.synthesized = synthesized;
        this.template = template;
        this.orchestrator = orchestrator;
    }

    @Test
    void jobEventsRule_shouldMatchStateChangesAndRunDelaysOfOnlyTheNamedJobs() {
        // GIVEN the jobs the test workflows start
        Capture jobNames = new Capture();

        // WHEN the job events rule's pattern is captured
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "Name", "glue-orchestrator-glue-j1",
                "EventPattern", Match.objectEquals(Map.of(
                        "source", List.of("aws.glue"),
                        "detail-type", List.of("Glue Job State Change", "Glue Job Run Status"),
                        "detail", Map.of("jobName", jobNames))),
                "Targets", List.of(Match.objectLike(Map.of(
                        "Arn", synthesized.refOf(orchestrator.getGlueEventAlias()))))));

        // THEN one rule names exactly these jobs, no prefix or wildcard, for both kinds of Glue job events (Glue
        // sends "Glue Job State Change" for final states only), and goes to the Glue event function
        assertThat(jobNames.asArray()).containsExactlyElementsOf(JOBS);
        assertThat(orchestrator.getGlueEventRules().getJobEventRules()).hasSize(1);
        assertThat(orchestrator.getJobRunStatusRule()).isEqualTo(orchestrator.getJobStateRule()).isPresent();
    }

    @Test
    void crawlerStateRule_shouldMatchOnlyNamedCrawlers() {
        // GIVEN the crawlers the test workflows start
        Capture crawlerNames = new Capture();

        // WHEN the crawler state rule's pattern is captured
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "Name", "glue-orchestrator-glue-c1",
                "EventPattern", Match.objectEquals(Map.of(
                        "source", List.of("aws.glue"),
                        "detail-type", List.of("Glue Crawler State Change"),
                        "detail", Map.of(
                                "crawlerName", crawlerNames,
                                "state", List.of("Started", "Succeeded", "Failed"))))));

        // THEN it names exactly these crawlers
        assertThat(crawlerNames.asArray()).containsExactly("catalog-inventory", "catalog-sales");
    }

    @Test
    void scheduleTickRule_shouldInvokeTheTickAliasEveryMinute() {
        // GIVEN the tick function's live alias
        Map<String, Object> tickAlias = synthesized.refOf(orchestrator.getScheduleTickAlias());

        // WHEN / THEN a rate(1 minute) rule targets it, and nothing else
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "ScheduleExpression", "rate(1 minute)",
                "State", "ENABLED",
                "Targets", List.of(Match.objectLike(Map.of("Arn", tickAlias)))));
    }

    @Test
    void reconcileRule_shouldRunEveryFiveMinutes() {
        // GIVEN the reconciler's live alias and the rules' dead-letter queue
        Map<String, Object> reconcileAlias = synthesized.refOf(orchestrator.getReconcileAlias());
        Map<String, Object> deadLetterConfig = Map.of("Arn", synthesized.arnOf(orchestrator.getRuleDeadLetterQueue()));

        // WHEN / THEN a rate(5 minutes) rule targets it alone, retried for five minutes, then dead-lettered
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "ScheduleExpression", "rate(5 minutes)",
                "State", "ENABLED",
                "Targets", List.of(Match.objectEquals(Map.of(
                        "Id", "Target0",
                        "Arn", reconcileAlias,
                        "DeadLetterConfig", deadLetterConfig,
                        "RetryPolicy", Map.of("MaximumRetryAttempts", 2, "MaximumEventAgeInSeconds", 300))))));
    }

    @Test
    void ruleTargets_shouldBeLiveAliasesWithRetryPolicyAndDeadLetterQueue() {
        // GIVEN the aliases and the rules' dead-letter queue
        Map<String, Object> glueAlias = synthesized.refOf(orchestrator.getGlueEventAlias());
        Map<String, Object> tickAlias = synthesized.refOf(orchestrator.getScheduleTickAlias());
        Map<String, Object> deadLetterConfig = Map.of("Arn", synthesized.arnOf(orchestrator.getRuleDeadLetterQueue()));

        // WHEN / THEN Glue events (job events, crawler state) are retried for a day, ticks for five minutes, then
        // dead-lettered
        // (and the EVENT triggers' two, EventTriggerRulesTest)
        template.resourceCountIs("AWS::Events::Rule", 7);
        template.resourcePropertiesCountIs("AWS::Events::Rule", Map.of("Targets", List.of(Match.objectEquals(Map.of(
                "Id", "Target0",
                "Arn", glueAlias,
                "DeadLetterConfig", deadLetterConfig,
                "RetryPolicy", Map.of("MaximumRetryAttempts", 185, "MaximumEventAgeInSeconds", 86_400))))), 2);
        template.resourcePropertiesCountIs("AWS::Events::Rule", Map.of("Targets", List.of(Match.objectEquals(Map.of(
                "Id", "Target0",
                "Arn", tickAlias,
                "DeadLetterConfig", deadLetterConfig,
                "RetryPolicy", Map.of("MaximumRetryAttempts", 2, "MaximumEventAgeInSeconds", 300))))), 1);
    }

    @Test
    void functionRules_shouldListenOnTheDefaultBusAndMayInvokeOnlyTheAliases() {
        // GIVEN Glue and the scheduler publish on the default bus; only the notification rule is on the orchestrator's
        // WHEN / THEN the four function rules name no bus (nor does the S3 EVENT trigger's); the Glue event rules
        // share one Lambda permission, for the rules named with their prefix (a permission per rule would outgrow
        // the function's 20 KB policy); the EVENT triggers' rules have one per bus (EventTriggerRulesTest)
        template.resourcePropertiesCountIs("AWS::Events::Rule", Map.of("EventBusName", Match.absent()), 5);
        template.resourceCountIs("AWS::Lambda::Permission", 5);
        template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "Action", "lambda:InvokeFunction",
                "Principal", "events.amazonaws.com",
                "FunctionName", synthesized.refOf(orchestrator.getGlueEventAlias()),
                "SourceArn", Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"),
                        ":events:", Map.of("Ref", "AWS::Region"), ":", Map.of("Ref", "AWS::AccountId"),
                        ":rule/glue-orchestrator-glue-*")))));
        template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "FunctionName", synthesized.refOf(orchestrator.getScheduleTickAlias()),
                "SourceArn", synthesized.arnOf(orchestrator.getScheduleTickRule())));
        template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "FunctionName", synthesized.refOf(orchestrator.getReconcileAlias()),
                "SourceArn", synthesized.arnOf(orchestrator.getReconcileRule())));
    }
}
