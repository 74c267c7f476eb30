package dev.glueorch.cli.ops;

import dev.glueorch.cli.output.Table;
import dev.glueorch.engine.PartitionRepair;
import dev.glueorch.engine.PartitionState;
import dev.glueorch.engine.RepairPlan;
import dev.glueorch.engine.RepairResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@code glueorch partitions repair} answers: its JSON ({@code Workflow}, {@code From}, {@code To},
 * {@code DryRun}, {@code Partitions}, the counts of a repair carried out, and {@code Repairs}, one per partition
 * repaired or skipped, in the engine's shape) and a table, a row per partition, newest first.
 */
final class RepairTable {

    private RepairTable() {
    }

    /** What a dry run would do. */
    static Response planned(RepairPlan plan) {
        Map<String, Object> body = header(plan, true);
        body.put("Repairs", plan.repairs().stream().map(PartitionRepair::toShape).toList());
        StringBuilder text = new StringBuilder(title(plan, " (dry run: nothing started)"));
        long resumes = plan.repairs().stream().filter(PartitionRepair.Resume.class::isInstance).count();
        long starts = plan.repairs().stream().filter(PartitionRepair.Start.class::isInstance).count();
        long skips = plan.repairs().size() - resumes - starts;
        text.append(String.format("%d partition(s): %d to resume, %d to start, %d skipped, %d left as they are%n",
                plan.partitions(), resumes, starts, skips, plan.partitions() - plan.repairs().size()));
        if (!plan.repairs().isEmpty()) {
            Table table = new Table("PARTITION", "STATE", "REPAIR");
            plan.repairs().forEach(r -> table.row(r.partitionId(), r.state(), r.describe()));
            text.append('\n').append(table.render(""));
        }
        return new Response(body, text.toString(), refusals(plan));
    }

    /**
     * What a repair did, with the state of each partition at its end; it failed (exit code 1) when a partition it
     * was asked for cannot be repaired.
     */
    static Response done(RepairResult result) {
        RepairPlan plan = result.plan();
        Map<String, Object> body = header(plan, false);
        int skipped = plan.repairs().size() - result.resumed() - result.started() - result.alreadyRepaired();
        body.put("Resumed", result.resumed());
        body.put("Started", result.started());
        body.put("AlreadyRepaired", result.alreadyRepaired());
        body.put("Skipped", skipped);
        body.put("Finished", result.finished());
        List<Map<String, Object>> repairs = new ArrayList<>();
        Table table = new Table("PARTITION", "STATE", "NOW", "RUN ID", "REPAIR");
        List<String> notes = new ArrayList<>(refusals(plan));
        for (PartitionRepair repair : plan.repairs()) {
            PartitionState now = result.results().getOrDefault(repair.partitionId(), repair.state());
            Map<String, Object> shape = new LinkedHashMap<>(repair.toShape());
            shape.put("Result", now.name());
            repairs.add(shape);
            table.row(repair.partitionId(), repair.state(), now, repair.runId(), repair.describe());
            if (!(repair instanceof PartitionRepair.Skip) && now == PartitionState.FAILED) {
                notes.add("partition " + repair.partitionId() + " failed again in run " + repair.runId() + ": see "
                        + "glueorch runs get " + plan.workflowName() + " " + repair.runId() + "; a later repair "
                        + "resumes it");
            }
        }
        body.put("Repairs", repairs);
        StringBuilder text = new StringBuilder(title(plan, ""));
        text.append(String.format("%d resumed, %d started, %d already repaired, %d skipped; %d finished%n",
                result.resumed(), result.started(), result.alreadyRepaired(), skipped, result.finished()));
        if (plan.repairs().isEmpty()) {
            text.append(String.format("nothing to repair in its %d partition(s)%n", plan.partitions()));
        } else {
            text.append('\n').append(table.render(""));
        }
        return new Response(body, text.toString(), notes, !plan.refused().isEmpty());
    }

    private static Map<String, Object> header(RepairPlan plan, boolean dryRun) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Workflow", plan.workflowName());
        body.put("From", plan.from());
        body.put("To", plan.to());
        body.put("DryRun", dryRun);
        body.put("Partitions", plan.partitions());
        return body;
    }

    private static String title(RepairPlan plan, String suffix) {
        return plan.workflowName() + ": repair of partitions " + plan.from() + " to " + plan.to() + suffix + "\n";
    }

    private static List<String> refusals(RepairPlan plan) {
        return plan.refused().stream().map(skip -> "partition " + skip.partitionId() + " cannot be repaired: "
                + skip.reason()).toList();
    }
}
