package dev.glueorch.cli.ops;

import dev.glueorch.cli.output.StatisticsText;
import dev.glueorch.cli.output.Table;
import dev.glueorch.engine.ActionRun;
import dev.glueorch.engine.Statistics;
import dev.glueorch.engine.TriggerState;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.engine.WorkflowRunStatus;
import dev.glueorch.model.Condition;
import dev.glueorch.model.Predicate;
import dev.glueorch.model.Trigger;
import dev.glueorch.model.Workflow;
import dev.glueorch.model.WorkflowDefinition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The operator commands' {@code --output table}: Glue's responses in readable columns. */
final class OperatorTables {

    private OperatorTables() {
    }

    static String workflowList(List<WorkflowDefinition> workflows) {
        Table table = new Table("WORKFLOW", "TRIGGERS", "MAX CONCURRENT RUNS", "DESCRIPTION");
        for (WorkflowDefinition workflow : workflows) {
            table.row(workflow.name(), workflow.triggers().size(), workflow.workflow().maxConcurrentRuns(),
                    workflow.workflow().description());
        }
        return table.render("");
    }

    /** Workflows as GetWorkflow has them: a header per workflow, its last run, then its triggers. */
    static String workflows(List<WorkflowDefinition> workflows, Map<String, WorkflowRun> lastRuns,
                            Map<String, TriggerState> states) {
        StringBuilder text = new StringBuilder();
        for (WorkflowDefinition definition : workflows) {
            Workflow workflow = definition.workflow();
            text.append(workflow.name());
            if (workflow.description() != null) {
                text.append(": ").append(workflow.description());
            }
            text.append('\n');
            text.append("  default run properties: ").append(pairs(workflow.defaultRunProperties())).append('\n');
            text.append("  max concurrent runs: ").append(workflow.maxConcurrentRuns() == null ? "unlimited"
                    : workflow.maxConcurrentRuns()).append('\n');
            WorkflowRun lastRun = lastRuns.get(workflow.name());
            text.append("  last run: ").append(lastRun == null ? "none" : lastRun.workflowRunId() + " "
                    + lastRun.status() + ", started " + startedOn(lastRun)).append('\n');
            text.append(triggerTable(definition.triggers(), states, false).render("  "));
        }
        return text.toString();
    }

    static String triggerList(List<Trigger> triggers) {
        Table table = new Table("TRIGGER", "WORKFLOW", "TYPE");
        triggers.forEach(t -> table.row(t.name(), t.workflowName(), t.type()));
        return table.render("");
    }

    static String triggers(List<Trigger> triggers, Map<String, TriggerState> states) {
        return triggerTable(triggers, states, true).render("");
    }

    static String started(WorkflowRun run) {
        String which = run.workflowRunId() + " of " + run.workflowName()
                + (run.partitionId() == null ? "" : " (partition " + run.partitionId() + ")");
        String what = run.status() == WorkflowRunStatus.QUEUED
                ? "queued workflow run " + which + ": it waits for one of its MaxConcurrentRuns to end"
                : "started workflow run " + which + ": " + run.status() + StatisticsText.troubles(run.statistics());
        return String.format("%s%nfollow it with: glueorch runs get %s %s%n", what, run.workflowName(),
                run.workflowRunId());
    }

    /** One run: its status and statistics, then an action per row. */
    static String run(WorkflowRun run) {
        Statistics s = run.statistics();
        StringBuilder text = new StringBuilder();
        text.append(String.format("%s  %s  %s%s  partition %s  %s -> %s%n", run.workflowName(), run.workflowRunId(),
                run.status(), StatisticsText.troubles(s), run.partitionId() == null ? "-" : run.partitionId(),
                startedOn(run), run.completedOn() == null ? "-" : time(run.completedOn())));
        text.append(StatisticsText.actionsLine(s));
        text.append("  run properties: ").append(pairs(run.properties())).append('\n');
        if (!run.actions().isEmpty()) {
            Table table = new Table("ACTION", "TRIGGER", "STATE", "STARTED", "COMPLETED", "RUN ID", "ERROR");
            for (ActionRun action : run.actions().values()) {
                table.row(action.type().name().toLowerCase(Locale.ROOT) + " " + action.name(), action.triggerName(),
                        action.state(), time(action.startedOn()), time(action.completedOn()), action.jobRunId(),
                        action.errorMessage());
            }
            text.append(table.render("  "));
        }
        return text.toString();
    }

    static String runs(List<WorkflowRun> runs, String nextToken) {
        Table table = new Table("RUN ID", "PARTITION", "STATUS", "STARTED", "COMPLETED", "ACTIONS", "SUCCEEDED",
                "FAILED", "TIMEOUT", "ERRORED", "RUNNING", "WAITING");
        for (WorkflowRun run : runs) {
            Statistics s = run.statistics();
            table.row(run.workflowRunId(), run.partitionId(), run.status(), startedOn(run),
                    time(run.completedOn()), s.totalActions(), s.succeededActions(), s.failedActions(), s.timeoutActions(),
                    s.erroredActions(), s.runningActions(), s.waitingActions());
        }
        String text = table.render("") + runs.size() + " run(s)\n";
        return nextToken == null ? text : text + "more: add --next-token " + nextToken + "\n";
    }

    static String properties(Map<String, String> properties) {
        Table table = new Table("PROPERTY", "VALUE");
        properties.forEach(table::row);
        return table.render("");
    }

    static String stopped(WorkflowRun run) {
        String what = run.status() == WorkflowRunStatus.STOPPING ? " (its running job runs were asked to stop; it is "
                + "STOPPED when the last one ended)" : "";
        return String.format("workflow run %s of %s: %s%s%n", run.workflowRunId(), run.workflowName(), run.status(),
                what);
    }

    private static Table triggerTable(List<Trigger> triggers, Map<String, TriggerState> states,
                                      boolean withWorkflow) {
        Table table = withWorkflow ? new Table("TRIGGER", "WORKFLOW", "TYPE", "STATE", "WHEN", "ACTIONS")
                : new Table("TRIGGER", "TYPE", "STATE", "WHEN", "ACTIONS");
        for (Trigger trigger : triggers) {
            String actions = trigger.actions().stream().map(a -> a.type().name().toLowerCase(Locale.ROOT) + " "
                    + a.name()).collect(Collectors.joining(", "));
            if (withWorkflow) {
                table.row(trigger.name(), trigger.workflowName(), trigger.type(), states.get(trigger.name()),
                        when(trigger), actions);
            } else {
                table.row(trigger.name(), trigger.type(), states.get(trigger.name()), when(trigger), actions);
            }
        }
        return table;
    }

    private static String when(Trigger trigger) {
        if (trigger instanceof Trigger.Scheduled scheduled) {
            return scheduled.schedule().expression();
        }
        if (trigger instanceof Trigger.Conditional conditional) {
            Predicate predicate = conditional.predicate();
            return predicate.conditions().stream().map(c -> c.name() + " " + (c instanceof Condition.JobCondition job
                    ? job.state() : ((Condition.CrawlerCondition) c).crawlState()))
                    .collect(Collectors.joining(" " + predicate.logical() + " "));
        }
        return "on demand";
    }

    /** To the second: a person reads the table, scripts read the JSON. */
    /** When the run started; "-" for a QUEUED run, which has not. */
    private static String startedOn(WorkflowRun run) {
        return run.status() == WorkflowRunStatus.QUEUED ? "-" : time(run.startedOn());
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String pairs(Map<String, ?> map) {
        return map.isEmpty() ? "none" : new TreeMap<>(map).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
