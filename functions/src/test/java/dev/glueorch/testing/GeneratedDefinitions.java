package dev.glueorch.testing;

import dev.glueorch.model.DefinitionValidator;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.Trigger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** Definitions made in code, at sizes no example reaches: what request budgets and benchmarks are measured on. */
public final class GeneratedDefinitions {

    private GeneratedDefinitions() {
    }

    /**
     * {@code count} workflows, each with one SCHEDULED trigger starting job {@code job-<i>}: the first {@code due}
     * every hour on the hour, the others daily at 03:30 UTC.
     */
    public static Definitions scheduled(int count, int due) {
        return new DefinitionValidator().validateAll(scheduledFiles(count, due));
    }

    /** The workflow files of {@link #scheduled}, by path. */
    public static Map<String, String> scheduledFiles(int count, int due) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = "scheduled-" + i;
            String schedule = i < due ? "cron(0 * * * ? *)" : "cron(30 3 * * ? *)";
            files.put("workflows/" + name + ".json", """
                    {"Workflow": {"Name": "%1$s"},
                     "Triggers": [{"Name": "%1$s-start", "Type": "SCHEDULED", "Schedule": "%2$s",
                                   "Actions": [{"JobName": "job-%3$d"}]}]}
                    """.formatted(name, schedule, i));
        }
        return files;
    }

    /**
     * The file of workflow {@code fan-in}, by path: ON_DEMAND trigger {@code fan-in-start} starts
     * {@code fan-in-seed}; its success starts {@code jobs} jobs {@code part-<i>}, {@link Trigger#MAX_ACTIONS} per
     * trigger; one AND trigger over all of them starts {@code fan-in-merge}.
     */
    public static Map<String, String> fanInFiles(int jobs) {
        StringJoiner triggers = new StringJoiner(",\n");
        triggers.add("""
                {"Name": "fan-in-start", "Type": "ON_DEMAND", "Actions": [{"JobName": "fan-in-seed"}]}""");
        StringJoiner conditions = new StringJoiner(", ");
        for (int from = 0; from < jobs; from += Trigger.MAX_ACTIONS) {
            StringJoiner actions = new StringJoiner(", ");
            for (int i = from; i < Math.min(jobs, from + Trigger.MAX_ACTIONS); i++) {
                actions.add("{\"JobName\": \"part-" + i + "\"}");
                conditions.add("{\"LogicalOperator\": \"EQUALS\", \"JobName\": \"part-" + i
                        + "\", \"State\": \"SUCCEEDED\"}");
            }
            triggers.add("""
                    {"Name": "fan-in-spread-%d", "Type": "CONDITIONAL", "Predicate": {"Conditions": [
                      {"LogicalOperator": "EQUALS", "JobName": "fan-in-seed", "State": "SUCCEEDED"}]},
                     "Actions": [%s]}""".formatted(from / Trigger.MAX_ACTIONS, actions));
        }
        triggers.add("""
                {"Name": "fan-in-join", "Type": "CONDITIONAL", "Predicate": {"Logical": "AND", "Conditions": [%s]},
                 "Actions": [{"JobName": "fan-in-merge"}]}""".formatted(conditions));
        return Map.of("workflows/fan-in.json", """
                {"Workflow": {"Name": "fan-in"}, "Triggers": [%s]}
                """.formatted(triggers));
    }
}
