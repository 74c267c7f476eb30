package dev.glueorch.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An estate at Glue's default quotas, written as workflow files: 125 workflows of 8 triggers (1,000 triggers), each
 * trigger starting one job (1,000 jobs), the first 100 workflows' scheduled triggers also starting two crawlers (200
 * crawlers). One job name in ten is 255 characters long (Glue's maximum), the others 40 to 129; every tenth
 * workflow's last trigger also waits for a job of a trusted upstream account, and every 25th starts a job in another
 * account through a RoleArn. In the 100 workflows whose number is no multiple of five the first trigger is an EVENT
 * trigger with a 255-character name (S3 "Object Created" under a prefix), not a SCHEDULED one: half of them on the
 * default bus, a quarter each on the existing buses {@link #EVENT_BUSES}. The estate with every name 255 characters
 * long keeps SCHEDULED first triggers: its template is 915 KB without EVENT triggers, and each EVENT rule with a
 * 255-character trigger name adds about 1.3 KB, so 100 of them would take it over CloudFormation's 1 MB (1,046 KB).
 */
final class GeneratedEstate {

    static final int WORKFLOWS = 125;
    static final int TRIGGERS_PER_WORKFLOW = 8;
    static final int JOBS = WORKFLOWS * TRIGGERS_PER_WORKFLOW;
    static final int CRAWLERS = 200;
    static final String UPSTREAM_ACCOUNT = "111111111111";
    static final String REMOTE_ACCOUNT = "444444444444";
    static final int EVENT_TRIGGERS = 100;
    /** The custom buses of the EVENT triggers of workflows 1, 5, 9, ... and 3, 7, 11, ... */
    static final List<String> EVENT_BUSES = List.of("partner-drops", "cdc-events");
    /** Ten teams: every job and crawler name starts with {@code team<n>-}. */
    static final List<String> TEAM_PREFIXES = List.of("team0-", "team1-", "team2-", "team3-", "team4-", "team5-",
            "team6-", "team7-", "team8-", "team9-");

    private GeneratedEstate() {
    }

    /** Writes the estate's workflow files into a new folder under {@code target/} and returns it. */
    static Path write(String name) {
        return write(name, WORKFLOWS);
    }

    /** The first {@code workflows} workflows of the estate ({@code 8 * workflows} jobs). */
    static Path write(String name, int workflows) {
        return write(name, workflows, false, true);
    }

    /**
     * The estate with every job and crawler name 255 characters long (Glue's maximum): the most text a template of
     * exact ARNs and job-name rules can hold at Glue's quotas.
     */
    static Path writeLongestNames(String name) {
        return writeLongestNames(name, WORKFLOWS);
    }

    /** The first {@code workflows} workflows (any number) with every name 255 characters long. */
    static Path writeLongestNames(String name, int workflows) {
        return write(name, workflows, true, false);
    }

    /** The estate with every name 255 characters long and its 100 EVENT triggers: a template over 1 MB. */
    static Path writeLongestNamesWithEventTriggers(String name) {
        return write(name, WORKFLOWS, true, true);
    }

    private static Path write(String name, int workflows, boolean longestNames, boolean eventTriggers) {
        try {
            Path folder = Files.createDirectories(Path.of("target", "estates", name, "workflows"));
            for (int w = 0; w < workflows; w++) {
                Files.writeString(folder.resolve("wf-" + w + ".json"), workflow(w, longestNames,
                        eventTriggers));
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String jobName(int workflow, int step, boolean longest) {
        int index = workflow * TRIGGERS_PER_WORKFLOW + step;
        int length = longest || index % 10 == 0 ? 255 : 40 + index * 37 % 90;
        return padded("team" + workflow % 10 + "-wf" + workflow + "-job" + step + "-", length);
    }

    static String crawlerName(int index, boolean longest) {
        int length = longest || index % 10 == 0 ? 255 : 30 + index * 53 % 70;
        return padded("team" + index / 2 % 10 + "-crawler" + index + "-", length);
    }

    private static String padded(String start, int length) {
        StringBuilder name = new StringBuilder(start);
        while (name.length() < length) {
            name.append("ingest-transform-load-"
                    .charAt((name.length() - start.length()) % "ingest-transform-load-".length()));
        }
        return name.toString();
    }

    private static String workflow(int w, boolean longest, boolean eventTriggers) {
        List<String> triggers = new ArrayList<>();
        List<String> firstActions = new ArrayList<>(List.of(action(jobName(w, 0, longest))));
        if (w < CRAWLERS / 2) {
            firstActions.add("{\"CrawlerName\": \"" + crawlerName(2 * w, longest) + "\"}");
            firstActions.add("{\"CrawlerName\": \"" + crawlerName(2 * w + 1, longest) + "\"}");
        }
        if (isEventStarted(w) && eventTriggers) {
            triggers.add(eventTrigger(w, firstActions));
        } else {
            triggers.add("{\"Name\": \"wf-" + w + "-t0\", \"Type\": \"SCHEDULED\", \"Schedule\": \"cron(" + w % 60
                    + " * * * ? *)\", \"Actions\": [" + String.join(", ", firstActions) + "]}");
        }
        for (int step = 1; step < TRIGGERS_PER_WORKFLOW; step++) {
            List<String> conditions = new ArrayList<>(List.of("{\"LogicalOperator\": \"EQUALS\", \"JobName\": \""
                    + jobName(w, step - 1, longest) + "\", \"State\": \"SUCCEEDED\"}"));
            List<String> actions = new ArrayList<>(List.of(action(jobName(w, step, longest))));
            boolean last = step == TRIGGERS_PER_WORKFLOW - 1;
            if (last && w % 10 == 0) {
                conditions.add("{\"LogicalOperator\": \"EQUALS\", \"JobName\": \"upstream-" + w
                        + "\", \"State\": \"SUCCEEDED\", \"Account\": \"" + UPSTREAM_ACCOUNT + "\"}");
            }
            if (last && w % 25 == 0) {
                actions.add("{\"JobName\": \"archive-" + w + "\", \"RoleArn\": \"arn:aws:iam::" + REMOTE_ACCOUNT
                        + ":role/glue-orchestrator-remote-actions\"}");
            }
            triggers.add("{\"Name\": \"wf-" + w + "-t" + step + "\", \"Type\": \"CONDITIONAL\", \"Predicate\": {"
                    + (conditions.size() > 1 ? "\"Logical\": \"AND\", " : "") + "\"Conditions\": ["
                    + String.join(", ", conditions) + "]}, \"Actions\": [" + String.join(", ", actions) + "]}");
        }
        return "{\"Workflow\": {\"Name\": \"wf-" + w + "\", \"Partitioning\": {\"Granularity\": \"HOUR\", "
                + "\"Offset\": -1, \"TimeZone\": \"UTC\"}},\n \"Triggers\": [\n  " + String.join(",\n  ", triggers)
                + "]}\n";
    }

    /** Workflows 1-4, 6-9, ...: 100 of the 125. */
    static boolean isEventStarted(int workflow) {
        return workflow % 5 != 0;
    }

    /** The 255-character name of workflow {@code w}'s EVENT trigger. */
    static String eventTriggerName(int workflow) {
        return padded("wf-" + workflow + "-on-partner-file-", 255);
    }

    /** {@code null} (the default bus) for even workflows, else one of {@link #EVENT_BUSES}. */
    static String eventBusName(int workflow) {
        return workflow % 2 == 0 ? null : EVENT_BUSES.get(workflow / 2 % 2);
    }

    private static String eventTrigger(int w, List<String> actions) {
        String bus = eventBusName(w);
        String pattern = bus == null
                ? "{\"source\": [\"aws.s3\"], \"detail-type\": [\"Object Created\"], \"detail\": {\"bucket\": "
                        + "{\"name\": [\"landing-team" + w % 10 + "\"]}, \"object\": {\"key\": [{\"prefix\": \"wf-" + w
                        + "/\"}]}}}"
                : "{\"source\": [\"com.example." + bus + "\"], \"detail-type\": [\"Batch Written\"], \"detail\": "
                        + "{\"table\": [\"wf-" + w + "\"]}}";
        return "{\"Name\": \"" + eventTriggerName(w) + "\", \"Type\": \"EVENT\", "
                + (bus == null ? "" : "\"EventBusName\": \"" + bus + "\", ")
                + "\"EventBatchingCondition\": {\"BatchSize\": 10, \"BatchWindow\": 600}, \"EventPattern\": " + pattern
                + ", \"Actions\": [" + String.join(", ", actions) + "]}";
    }

    private static String action(String job) {
        return "{\"JobName\": \"" + job + "\"}";
    }
}
