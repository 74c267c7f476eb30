package dev.glueorch.cli.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Action;
import software.amazon.awssdk.services.glue.model.Condition;
import software.amazon.awssdk.services.glue.model.Trigger;
import software.amazon.awssdk.services.glue.model.Workflow;

/**
 * A Glue account as teams have them, made in moto through the SDK: jobs (one reading the Glue guide's partition
 * arguments), crawlers, four workflows and a trigger of no workflow. What a test expects is read back from moto
 * ({@link #workflow}, {@link #triggersOf}) in Glue's shapes, never written down a second time.
 */
final class GlueEstateInMoto {

    /** Hourly: scheduled start, AND joins, an ANY alert on jobs and a crawler (DEACTIVATED), on demand. */
    static final String SALES = "sales-hourly";
    /** Daily: a crawler, then a job reading --day_partition_value; everything ACTIVATED, nothing to say. */
    static final String CRAWL = "daily-crawl";
    /** Started by S3 events (an EVENT trigger), or on demand. */
    static final String PARTNER = "partner-files";
    /** No trigger at all: the validator refuses it. */
    static final String EMPTY = "empty-workflow";
    /** A trigger of no workflow, which also starts load-sales of {@link #SALES}. */
    static final String LONE_TRIGGER = "nightly-cleanup";
    static final String DEACTIVATED_TRIGGER = "sales-alert";
    static final String EVENT_TRIGGER = "partner-event";
    static final String SECURITY_CONFIGURATION = "lake-encryption";

    private final GlueClient glue;

    GlueEstateInMoto(GlueClient glue) {
        this.glue = glue;
    }

    /** Makes the estate. */
    GlueEstateInMoto create() {
        job("ingest-orders", Map.of("--day_partition_key", "dt", "--hour_partition_key", "hr",
                "--day_partition_value", "2026-01-01", "--hour_partition_value", "0"));
        job("ingest-payments", Map.of("--day_partition_value", "2026-01-01", "--hour_partition_value", "0"));
        for (String job : List.of("transform-sales", "load-sales", "alert-on-failure", "cleanup-tmp",
                "register-file")) {
            job(job, Map.of());
        }
        job("compact-raw", Map.of("--day_partition_value", "2026-01-01", "--target", "s3://lake/raw/"));
        crawler("catalog-sales");
        crawler("raw-crawler");

        glue.createWorkflow(b -> b.name(SALES).description("Orders and payments of the previous hour, joined.")
                .defaultRunProperties(Map.of("env", "prod", "lake", "s3://example-lake")).maxConcurrentRuns(2));
        glue.createTrigger(b -> b.name("sales-start").workflowName(SALES).type("SCHEDULED")
                .schedule("cron(0 * * * ? *)").description("Every hour.").startOnCreation(true)
                .actions(Action.builder().jobName("ingest-orders").arguments(Map.of("--source", "orders"))
                                .timeout(30).securityConfiguration(SECURITY_CONFIGURATION)
                                .notificationProperty(n -> n.notifyDelayAfter(10)).build(),
                        Action.builder().jobName("ingest-payments").build()));
        glue.createTrigger(b -> b.name("sales-on-demand").workflowName(SALES).type("ON_DEMAND")
                .actions(job("ingest-orders"), job("ingest-payments")));
        glue.createTrigger(b -> b.name("sales-join").workflowName(SALES).type("CONDITIONAL").startOnCreation(true)
                .predicate(p -> p.logical("AND").conditions(jobIs("ingest-orders", "SUCCEEDED"),
                        jobIs("ingest-payments", "SUCCEEDED")))
                .actions(Action.builder().jobName("transform-sales").arguments(Map.of("--mode", "overwrite"))
                        .timeout(60).build()));
        // Glue takes a single condition without Logical; moto 5.2.1 answers 500 to that, so it is given
        glue.createTrigger(b -> b.name("sales-publish").workflowName(SALES).type("CONDITIONAL").startOnCreation(true)
                .predicate(p -> p.logical("AND").conditions(jobIs("transform-sales", "SUCCEEDED")))
                .actions(job("load-sales"), Action.builder().crawlerName("catalog-sales").build()));
        glue.createTrigger(b -> b.name(DEACTIVATED_TRIGGER).workflowName(SALES).type("CONDITIONAL")
                .startOnCreation(true).description("Any failure starts the alert job once.")
                .predicate(p -> p.logical("ANY").conditions(jobIs("ingest-orders", "FAILED"),
                        jobIs("transform-sales", "TIMEOUT"),
                        Condition.builder().logicalOperator("EQUALS").crawlerName("catalog-sales")
                                .crawlState("FAILED").build()))
                .actions(job("alert-on-failure")));
        glue.stopTrigger(b -> b.name(DEACTIVATED_TRIGGER));

        glue.createWorkflow(b -> b.name(CRAWL).description("Crawl the raw zone, then compact it."));
        glue.createTrigger(b -> b.name("crawl-start").workflowName(CRAWL).type("SCHEDULED")
                .schedule("cron(0 2 * * ? *)").startOnCreation(true)
                .actions(Action.builder().crawlerName("raw-crawler").build()));
        glue.createTrigger(b -> b.name("crawl-then-compact").workflowName(CRAWL).type("CONDITIONAL")
                .startOnCreation(true)
                .predicate(p -> p.logical("ANY").conditions(Condition.builder().logicalOperator("EQUALS")
                        .crawlerName("raw-crawler").crawlState("SUCCEEDED").build()))
                .actions(job("compact-raw")));

        glue.createWorkflow(b -> b.name(PARTNER));
        glue.createTrigger(b -> b.name(EVENT_TRIGGER).workflowName(PARTNER).type("EVENT")
                .eventBatchingCondition(e -> e.batchSize(10).batchWindow(300)).actions(job("register-file")));
        glue.createTrigger(b -> b.name("partner-replay").workflowName(PARTNER).type("ON_DEMAND")
                .actions(job("register-file")));

        glue.createWorkflow(b -> b.name(EMPTY));

        glue.createTrigger(b -> b.name(LONE_TRIGGER).type("SCHEDULED").schedule("cron(0 3 * * ? *)")
                .startOnCreation(true).actions(job("cleanup-tmp"), job("load-sales")));
        return this;
    }

    /** GetWorkflow's Workflow, as moto holds it. */
    Workflow workflow(String name) {
        return glue.getWorkflow(b -> b.name(name)).workflow();
    }

    /** The workflow's triggers as moto holds them, by name. */
    Map<String, Trigger> triggersOf(String workflow) {
        Map<String, Trigger> triggers = new LinkedHashMap<>();
        glue.getTriggersPaginator(b -> { }).triggers().stream()
                .filter(t -> workflow.equals(t.workflowName()))
                .forEach(t -> triggers.put(t.name(), t));
        return triggers;
    }

    /**
     * A trigger in Glue's JSON shape, read member by member from the SDK's object: what its workflow file and
     * GetWorkflow's graph must hold (Glue's Id, State and WorkflowName aside).
     */
    static Map<String, Object> definition(Trigger trigger) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("Name", trigger.name());
        shape.put("Type", trigger.typeAsString());
        putIfPresent(shape, "Schedule", trigger.schedule());
        putIfPresent(shape, "Description", trigger.description());
        if (trigger.eventBatchingCondition() != null) {
            shape.put("EventBatchingCondition", Map.of("BatchSize", trigger.eventBatchingCondition().batchSize(),
                    "BatchWindow", trigger.eventBatchingCondition().batchWindow()));
        }
        if (trigger.predicate() != null) {
            Map<String, Object> predicate = new LinkedHashMap<>();
            putIfPresent(predicate, "Logical", trigger.predicate().logicalAsString());
            List<Map<String, Object>> conditions = new ArrayList<>();
            for (Condition condition : trigger.predicate().conditions()) {
                Map<String, Object> c = new LinkedHashMap<>();
                putIfPresent(c, "LogicalOperator", condition.logicalOperatorAsString());
                putIfPresent(c, "JobName", condition.jobName());
                putIfPresent(c, "State", condition.stateAsString());
                putIfPresent(c, "CrawlerName", condition.crawlerName());
                putIfPresent(c, "CrawlState", condition.crawlStateAsString());
                conditions.add(c);
            }
            predicate.put("Conditions", conditions);
            shape.put("Predicate", predicate);
        }
        List<Map<String, Object>> actions = new ArrayList<>();
        for (Action action : trigger.actions()) {
            Map<String, Object> a = new LinkedHashMap<>();
            putIfPresent(a, "JobName", action.jobName());
            if (action.hasArguments() && !action.arguments().isEmpty()) {
                a.put("Arguments", action.arguments());
            }
            putIfPresent(a, "Timeout", action.timeout());
            putIfPresent(a, "SecurityConfiguration", action.securityConfiguration());
            if (action.notificationProperty() != null) {
                a.put("NotificationProperty", Map.of("NotifyDelayAfter",
                        action.notificationProperty().notifyDelayAfter()));
            }
            putIfPresent(a, "CrawlerName", action.crawlerName());
            actions.add(a);
        }
        shape.put("Actions", actions);
        return shape;
    }

    private void job(String name, Map<String, String> defaultArguments) {
        glue.createJob(b -> b.name(name).role("arn:aws:iam::123456789012:role/glue")
                .command(c -> c.name("glueetl").scriptLocation("s3://scripts/" + name + ".py"))
                .defaultArguments(defaultArguments));
    }

    private void crawler(String name) {
        glue.createCrawler(b -> b.name(name).role("arn:aws:iam::123456789012:role/glue")
                .targets(t -> t.s3Targets(s -> s.path("s3://example-lake/" + name + "/"))));
    }

    private static Action job(String name) {
        return Action.builder().jobName(name).build();
    }

    private static Condition jobIs(String job, String state) {
        return Condition.builder().logicalOperator("EQUALS").jobName(job).state(state).build();
    }

    private static void putIfPresent(Map<String, Object> shape, String member, Object value) {
        if (value != null) {
            shape.put(member, value);
        }
    }
}
