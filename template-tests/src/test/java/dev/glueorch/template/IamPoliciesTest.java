package dev.glueorch.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.infra.GlueOrchestrator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sqs.Queue;

@Synthesized
class IamPoliciesTest {

    private static final List<String> JOBS = List.of("alert-on-failure", "ingest-inventory", "ingest-orders",
            "ingest-payments", "load-sales", "transform-sales");
    private static final List<String> CRAWLERS = List.of("catalog-inventory", "catalog-sales");

    private static final List<String> TABLE_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:PutItem",
            "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:BatchGetItem",
            "dynamodb:ConditionCheckItem");
    private static final List<String> GLUE_JOB_ACTIONS = List.of("glue:StartJobRun", "glue:GetJobRun",
            "glue:BatchStopJobRun");
    private static final List<String> GLUE_CRAWLER_ACTIONS = List.of("glue:StartCrawler", "glue:GetCrawler");

    private final SynthesizedStack synthesized;
    private final Template template;
    private final GlueOrchestrator orchestrator;

    IamPoliciesTest(SynthesizedStack synthesized, Template template, GlueOrchestrator orchestrator) {
        this.synthesized = synthesized;
        this.template = template;
        this.orchestrator = orchestrator;
    }

    @Test
    void functionRoles_shouldBeOnePerFunctionWithoutAwsManagedPolicies() {
        // GIVEN the four functions
        String glueRole = synthesized.logicalId(orchestrator.getGlueEventFunction().getRole());
        String tickRole = synthesized.logicalId(orchestrator.getScheduleTickFunction().getRole());
        String reconcileRole = synthesized.logicalId(orchestrator.getReconcileFunction().getRole());
        String operationsRole = synthesized.logicalId(orchestrator.getOperationsFunction().getRole());

        // WHEN their roles are looked up
        Map<String, Map<String, Object>> roles = template.findResources("AWS::IAM::Role", Map.of(
                "Properties", Map.of("AssumeRolePolicyDocument", Map.of("Statement", List.of(Map.of(
                        "Action", "sts:AssumeRole",
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "lambda.amazonaws.com")))))));

        // THEN each function runs with a Lambda role of its own that has no managed policy (nothing for IAM4)
        assertThat(List.of(glueRole, tickRole, reconcileRole, operationsRole)).doesNotHaveDuplicates();
        assertThat(roles).containsKeys(glueRole, tickRole, reconcileRole, operationsRole);
        for (String role : List.of(glueRole, tickRole, reconcileRole, operationsRole)) {
            assertThat(SynthesizedStack.asMap(roles.get(role).get("Properties")))
                    .doesNotContainKey("ManagedPolicyArns");
        }
    }

    @Test
    void glueEventRole_shouldAllowExactlyLogsDeadLetterTableGlueAndBus() {
        // GIVEN everything the Glue event function needs, and nothing more
        List<Object> expected = expectedStatements(orchestrator.getGlueEventLogGroup(),
                orchestrator.getGlueEventDeadLetterQueue());

        // WHEN / THEN its role's inline policy holds exactly these statements, its Glue rights are the starters'
        assertThat(statementsOf(orchestrator.getGlueEventFunction())).isEqualTo(expected);
        assertThat(managedStatementsOf(orchestrator.getGlueEventFunction())).isEqualTo(glueStatements(false));
    }

    @Test
    void scheduleTickRole_shouldAllowTheSameGlueActionsAsTheEventFunction() {
        // GIVEN the tick starts the jobs of SCHEDULED triggers, so it needs the same Glue rights
        List<Object> expected = new ArrayList<>(expectedStatements(orchestrator.getScheduleTickLogGroup(),
                orchestrator.getScheduleTickDeadLetterQueue()));
        // and it hands due slots to the start workers
        expected.add(sendDueSlots());

        // WHEN / THEN its role's policies hold exactly these statements and the same Glue rights
        assertThat(statementsOf(orchestrator.getScheduleTickFunction())).isEqualTo(expected);
        assertThat(managedStatementsOf(orchestrator.getScheduleTickFunction())).isEqualTo(glueStatements(false));
    }

    @Test
    void reconcileRole_shouldAllowTheTickRightsPlusGetJobRunsOnTheNamedJobs() {
        // GIVEN the reconciler starts what the tick starts, and finds a run Glue started by its arguments
        List<Object> expected = new ArrayList<>(expectedStatements(orchestrator.getReconcileLogGroup(),
                orchestrator.getReconcileDeadLetterQueue()));
        expected.add(sendDueSlots());

        // WHEN / THEN its role's policies hold exactly these statements, and GetJobRuns beside the job actions
        assertThat(statementsOf(orchestrator.getReconcileFunction())).isEqualTo(expected);
        assertThat(managedStatementsOf(orchestrator.getReconcileFunction())).isEqualTo(glueStatements(true));
    }

    @Test
    void operationsRole_shouldAllowTheReconcilerRightsWithoutDeadLetterQueue() {
        // GIVEN the operations function starts and stops runs as the reconciler does, and is invoked synchronously
        List<Object> expected = expectedStatements(orchestrator.getOperationsLogGroup(), null);

        // WHEN / THEN its role's policies hold exactly these statements: no sqs:SendMessage, no lambda: right
        assertThat(statementsOf(orchestrator.getOperationsFunction())).isEqualTo(expected);
        assertThat(managedStatementsOf(orchestrator.getOperationsFunction())).isEqualTo(glueStatements(true));
    }

    @Test
    void getJobRuns_shouldBeAllowedToTheReconcilerAndOperationsOnlyOnTheNamedJobArns() {
        // GIVEN every statement of the template that allows glue:GetJobRuns
        List<Map<?, ?>> getJobRuns = allStatements().stream()
                .filter(statement -> actions(statement).contains("glue:GetJobRuns"))
                .toList();

        // WHEN / THEN one managed policy's statement allows it, on the named jobs' ARNs, no wildcard, attached to
        // the reconciler's, the operations function's and the start worker's roles only
        assertThat(getJobRuns).singleElement().satisfies(statement -> {
            assertThat(statement.get("Resource")).isEqualTo(glueArns("job", JOBS));
            assertThat(leafStrings(statement.get("Resource"))).noneMatch(text -> text.contains("*"));
        });
        template.hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of(
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", Match.arrayWith(List.of("glue:GetJobRuns"))))))),
                "Roles", List.of(roleRef(orchestrator.getReconcileFunction()),
                        roleRef(orchestrator.getOperationsFunction()),
                        roleRef(orchestrator.getStartWorkers().getWorkerFunction()))));
    }

    @Test
    void gluePermissions_shouldNameOnlyJobAndCrawlerArnsWithoutWildcard() {
        // GIVEN every policy statement of the template that allows a Glue action
        List<Map<?, ?>> glueStatements = allStatements().stream()
                .filter(statement -> actions(statement).stream().anyMatch(action -> action.startsWith("glue:")))
                .toList();

        // WHEN their resources are collected
        List<Object> resources = new ArrayList<>();
        glueStatements.forEach(statement -> resources.addAll(asList(statement.get("Resource"))));

        // THEN two managed policies (starters, and those that also look runs up) hold a jobs and a crawlers
        // statement each, every resource one named job or crawler ARN, no inline policy any
        template.resourceCountIs("AWS::IAM::ManagedPolicy", 2);
        assertThat(glueStatements).hasSize(2 * 2);
        assertThat(resources).allSatisfy(resource -> assertThat(leafStrings(resource)).noneMatch(s -> s.contains("*")));
        List<Object> named = concat(glueArns("job", JOBS), glueArns("crawler", CRAWLERS));
        assertThat(resources).containsExactlyInAnyOrderElementsOf(concat(named, named));
    }

    @Test
    void putEvents_shouldBeAllowedOnTheOrchestratorBusOnly() {
        // GIVEN every statement of the template that allows events:PutEvents
        List<Map<?, ?>> putEvents = allStatements().stream()
                .filter(statement -> actions(statement).contains("events:PutEvents"))
                .toList();

        // WHEN / THEN there is one per function (the start worker's included), on the orchestrator's bus only
        assertThat(putEvents).hasSize(5).allSatisfy(statement -> {
            assertThat(actions(statement)).containsExactly("events:PutEvents");
            assertThat(statement.get("Resource")).isEqualTo(synthesized.arnOf(orchestrator.getEventBus()));
        });
    }

    @Test
    void tableAccess_shouldBeLimitedToTheTableAndItsIndexes() {
        // GIVEN every statement of the functions' policies that allows a DynamoDB action
        List<Map<?, ?>> tableStatements = tableStatements();

        // WHEN / THEN each names only the table, the RunsByStartedOn, ActiveRuns and Unsent indexes
        assertThat(tableStatements).hasSize(4).allSatisfy(statement ->
                assertThat(statement.get("Resource")).isEqualTo(tableResources()));
    }

    @Test
    void tableAccess_shouldAllowQueryOnTheActiveRunsIndex() {
        // GIVEN the ARN of the index the reconciler queries
        Map<String, Object> activeRuns = Map.of("Fn::Join", List.of("", List.of(
                synthesized.arnOf(orchestrator.getTable()), "/index/ActiveRuns")));

        // WHEN / THEN each function may Query it
        assertThat(tableStatements()).hasSize(4).allSatisfy(statement -> {
            assertThat(actions(statement)).contains("dynamodb:Query");
            assertThat(asList(statement.get("Resource"))).contains(activeRuns);
        });
    }

    /** {@code deadLetterQueue} is {@code null} for a function invoked synchronously only. */
    /** What the tick and the reconciler may do on the start queue: send due slots, nothing else. */
    private Object sendDueSlots() {
        return Map.of("Action", List.of("sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"),
                "Effect", "Allow", "Resource", synthesized.arnOf(orchestrator.getStartWorkers().getQueue()));
    }

    private List<Object> expectedStatements(LogGroup logGroup, Queue deadLetterQueue) {
        List<Object> statements = new ArrayList<>();
        statements.add(Map.of("Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"), "Effect", "Allow",
                "Resource", synthesized.arnOf(logGroup)));
        if (deadLetterQueue != null) {
            statements.add(Map.of("Action", "sqs:SendMessage", "Effect", "Allow",
                    "Resource", synthesized.arnOf(deadLetterQueue)));
        }
        statements.addAll(List.of(
                Map.of("Action", TABLE_ACTIONS, "Effect", "Allow", "Resource", tableResources()),
                Map.of("Action", "events:PutEvents", "Effect", "Allow",
                        "Resource", synthesized.arnOf(orchestrator.getEventBus()))));
        return statements;
    }

    /** The Glue statements of the managed policies of a starter, or of a function that also looks runs up. */
    private List<Object> glueStatements(boolean looksRunsUp) {
        List<String> jobActions = new ArrayList<>(GLUE_JOB_ACTIONS);
        if (looksRunsUp) {
            jobActions.add("glue:GetJobRuns");
        }
        return List.of(
                Map.of("Action", jobActions, "Effect", "Allow", "Resource", glueArns("job", JOBS)),
                Map.of("Action", GLUE_CRAWLER_ACTIONS, "Effect", "Allow", "Resource", glueArns("crawler", CRAWLERS)));
    }

    private Map<String, Object> roleRef(Function function) {
        return Map.of("Ref", synthesized.logicalId(function.getRole()));
    }

    /** The statements of the customer managed policies attached to a function's role. */
    private List<Object> managedStatementsOf(Function function) {
        List<Object> statements = new ArrayList<>();
        template.findResources("AWS::IAM::ManagedPolicy").values().stream()
                .filter(policy -> asList(SynthesizedStack.asMap(policy.get("Properties")).get("Roles"))
                        .contains(roleRef(function)))
                .forEach(policy -> statements.addAll(statementsOfPolicy(policy)));
        return statements;
    }

    private List<Object> tableResources() {
        Map<String, Object> tableArn = synthesized.arnOf(orchestrator.getTable());
        return List.of(tableArn,
                Map.of("Fn::Join", List.of("", List.of(tableArn, "/index/RunsByStartedOn"))),
                Map.of("Fn::Join", List.of("", List.of(tableArn, "/index/ActiveRuns"))),
                Map.of("Fn::Join", List.of("", List.of(tableArn, "/index/Unsent"))));
    }

    /** The statements of the four functions' policies that allow a DynamoDB action. */
    private List<Map<?, ?>> tableStatements() {
        List<Map<?, ?>> tableStatements = new ArrayList<>();
        for (Function function : List.of(orchestrator.getGlueEventFunction(), orchestrator.getScheduleTickFunction(),
                orchestrator.getReconcileFunction(), orchestrator.getOperationsFunction())) {
            statementsOf(function).stream().map(Map.class::cast)
                    .filter(statement -> actions(statement).stream().anyMatch(a -> a.startsWith("dynamodb:")))
                    .forEach(tableStatements::add);
        }
        return tableStatements;
    }

    /** The ARNs as the template spells them: partition, Region and account are the stack's pseudo parameters. */
    private List<Object> glueArns(String resourceType, List<String> names) {
        Stack stack = synthesized.stack;
        return names.stream().map(name -> stack.resolve(stack.formatArn(ArnComponents.builder()
                .service("glue").resource(resourceType).resourceName(name)
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build()))).toList();
    }

    /** The statements of the policies attached to a function's role. */
    private List<Object> statementsOf(Function function) {
        String role = synthesized.logicalId(function.getRole());
        List<Object> statements = new ArrayList<>();
        template.findResources("AWS::IAM::Policy", Map.of("Properties", Map.of(
                        "Roles", List.of(Map.of("Ref", role))))).values()
                .forEach(policy -> statements.addAll(statementsOfPolicy(policy)));
        return statements;
    }

    /** Every statement of the inline and the customer managed policies. */
    private List<Map<?, ?>> allStatements() {
        List<Map<?, ?>> statements = new ArrayList<>();
        for (String type : List.of("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy")) {
            template.findResources(type).values()
                    .forEach(policy -> statementsOfPolicy(policy).forEach(s -> statements.add((Map<?, ?>) s)));
        }
        return statements;
    }

    private static List<Object> statementsOfPolicy(Map<String, Object> policy) {
        Map<?, ?> properties = (Map<?, ?>) policy.get("Properties");
        Map<?, ?> document = (Map<?, ?>) properties.get("PolicyDocument");
        return asList(document.get("Statement"));
    }

    private static List<String> actions(Map<?, ?> statement) {
        return asList(statement.get("Action")).stream().map(Object::toString).toList();
    }

    private static List<Object> asList(Object value) {
        return value instanceof Collection<?> values ? List.copyOf(values) : List.of(value);
    }

    /** Every string inside an intrinsic-function structure: the literal parts of a Fn::Join ARN. */
    private static List<String> leafStrings(Object value) {
        List<String> strings = new ArrayList<>();
        if (value instanceof String text) {
            strings.add(text);
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> strings.addAll(leafStrings(v)));
        } else if (value instanceof Collection<?> values) {
            values.forEach(v -> strings.addAll(leafStrings(v)));
        }
        return strings;
    }

    private static List<Object> concat(List<Object> first, List<Object> second) {
        List<Object> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
