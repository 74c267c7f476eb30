package dev.glueorch.infra;

import dev.glueorch.contract.EventTypes;
import dev.glueorch.model.Definitions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Permission;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The rules on the default bus that send Glue's events of the orchestrated jobs and crawlers to the Glue event
 * function: as many as EventBridge's event pattern length needs, each naming a part of the jobs (or crawlers) exactly,
 * or their name prefixes with {@link GlueAccess#namePrefixes}. A job's state changes and its run status (delay) events
 * share a rule: Glue sends "Glue Job State Change" only for SUCCEEDED, FAILED, TIMEOUT and STOPPED, and the engine
 * ignores any other state, so no state filter is needed, and a job costs one rule entry, not two.
 *
 * <p>The rules are named {@code <functionRoleNamePrefix>-glue-j<n>} (jobs) and {@code -glue-c<n>} (crawlers), so that
 * one Lambda permission and one dead-letter queue statement, on {@code rule/<prefix>-glue-*}, cover them all: a
 * permission or statement per rule would outgrow the function's 20 KB resource policy and the queue's policy.
 */
public final class GlueEventRules extends Construct {

    /** Crawler events say Started / Succeeded / Failed (not the condition's CrawlState spelling). */
    static final List<String> CRAWLER_STATES = List.of("Started", "Succeeded", "Failed");

    private final List<Rule> jobEventRules = new ArrayList<>();
    private final List<Rule> crawlerEventRules = new ArrayList<>();
    private final String ruleNamePrefix;

    GlueEventRules(Construct scope, String id, Definitions definitions, GlueAccess access, Alias glueEventAlias,
                   Queue deadLetterQueue, String functionRoleNamePrefix, int eventPatternMaxLength) {
        super(scope, id);
        this.ruleNamePrefix = functionRoleNamePrefix + "-glue-";
        GlueEventTarget target = new GlueEventTarget(glueEventAlias, deadLetterQueue);
        List<Object> jobValues = values(definitions.jobNames(), access);
        List<Object> crawlerValues = values(definitions.crawlerNames(), access);
        Function<List<Object>, Map<String, Object>> jobPattern = names -> pattern(
                List.of(EventTypes.GLUE_JOB_STATE_CHANGE, EventTypes.GLUE_JOB_RUN_STATUS), Map.of("jobName", names));
        Function<List<Object>, Map<String, Object>> crawlerPattern = names -> pattern(
                List.of(EventTypes.GLUE_CRAWLER_STATE_CHANGE), Map.of("crawlerName", names, "state", CRAWLER_STATES));
        List<List<Object>> jobChunks = EventPatternChunks.split(jobValues, jobPattern, eventPatternMaxLength);
        for (int i = 0; i < jobChunks.size(); i++) {
            jobEventRules.add(rule("JobEventsRule" + (i + 1), ruleNamePrefix + "j" + (i + 1),
                    "Glue job state changes and run delays of the orchestrated jobs, part " + (i + 1) + " of "
                            + jobChunks.size(), jobPattern.apply(jobChunks.get(i)), target));
        }
        List<List<Object>> crawlerChunks = EventPatternChunks.split(crawlerValues, crawlerPattern,
                eventPatternMaxLength);
        for (int i = 0; i < crawlerChunks.size(); i++) {
            crawlerEventRules.add(rule("CrawlerEventsRule" + (i + 1), ruleNamePrefix + "c" + (i + 1),
                    "Crawls of the orchestrated crawlers that started or ended, part " + (i + 1) + " of "
                            + crawlerChunks.size(), crawlerPattern.apply(crawlerChunks.get(i)), target));
        }
        if (jobEventRules.isEmpty() && crawlerEventRules.isEmpty()) {
            return;
        }
        String rules = Stack.of(this).formatArn(ArnComponents.builder()
                .service("events")
                .resource("rule")
                .resourceName(ruleNamePrefix + "*")
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                .build());
        glueEventAlias.addPermission("GlueEventRules", Permission.builder()
                .principal(new ServicePrincipal("events.amazonaws.com"))
                .action("lambda:InvokeFunction")
                .sourceArn(rules)
                .build());
        deadLetterQueue.addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(new ServicePrincipal("events.amazonaws.com")))
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(deadLetterQueue.getQueueArn()))
                .conditions(Map.of("ArnLike", Map.of("aws:SourceArn", rules)))
                .build());
    }

    private Rule rule(String id, String name, String description, Map<String, Object> pattern,
                      GlueEventTarget target) {
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = (Map<String, Object>) pattern.get("detail");
        return Rule.Builder.create(this, id)
                .ruleName(name)
                .description(description)
                .eventPattern(EventPattern.builder()
                        .source(List.of(EventTypes.GLUE_SOURCE))
                        .detailType(castStrings(pattern.get("detail-type")))
                        .detail(detail)
                        .build())
                .targets(List.of(target))
                .build();
    }

    @SuppressWarnings("unchecked")
    private static List<String> castStrings(Object list) {
        return (List<String>) list;
    }

    /** The pattern as EventBridge receives it, to measure and to build the rule from. */
    private static Map<String, Object> pattern(List<String> detailTypes, Map<String, Object> detail) {
        Map<String, Object> pattern = new LinkedHashMap<>();
        pattern.put("source", List.of(EventTypes.GLUE_SOURCE));
        pattern.put("detail-type", detailTypes);
        pattern.put("detail", detail);
        return pattern;
    }

    /** Exact names, or with name prefixes the prefixes the names start with (the user opted in). */
    private static List<Object> values(Set<String> names, GlueAccess access) {
        if (names.isEmpty()) {
            return List.of();
        }
        if (access instanceof GlueAccess.NamePrefixes prefixes) {
            return prefixes.prefixes().stream().filter(p -> names.stream().anyMatch(n -> n.startsWith(p)))
                    .map(p -> (Object) Map.of("prefix", p)).toList();
        }
        return List.copyOf(names);
    }

    /** The rules of the orchestrated jobs' events, in order; empty when the definitions start no job. */
    public List<Rule> getJobEventRules() {
        return List.copyOf(jobEventRules);
    }

    /** The rules of the orchestrated crawlers' events, in order; empty when the definitions start no crawler. */
    public List<Rule> getCrawlerEventRules() {
        return List.copyOf(crawlerEventRules);
    }

    /** {@code <functionRoleNamePrefix>-glue-}: every rule here is named with it. */
    public String getRuleNamePrefix() {
        return ruleNamePrefix;
    }
}
