package dev.glueorch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.model.DefinitionValidator;
import dev.glueorch.model.JobRunState;
import dev.glueorch.model.Trigger;
import dev.glueorch.testing.EngineHarness;
import dev.glueorch.testing.RecordingGlue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs at Glue's sizes, on DynamoDB Local (which refuses what DynamoDB refuses: an item over 400 KB, an expression
 * over 4 KB): a run of more than 1,000 actions, and a fan-in AND over 500 conditions that starts 50 jobs. Job names
 * are long (200 characters), as real estates' are, so every predecessor list and action item has its real size.
 */
class BigRunTest {

    private static final Instant NOW = Instant.parse("2026-11-21T14:00:00Z");
    private static final String WORKFLOW = "big";
    private final EngineHarness h = new EngineHarness(NOW);

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void fanInOver500ConditionsStarting50Jobs_shouldFireOnceItsLastConditionIsMet_andRecordEveryAction() throws Exception {
        // GIVEN 500 parts running, and an AND over all 500 that starts 50 merge jobs
        h.use(new DefinitionValidator().validateAll(Map.of("workflows/big.json", workflow(500, 500, 50))));
        WorkflowRun run = startAndSpread();
        List<RecordingGlue.Start> parts = startsOf("part-");
        assertThat(parts).hasSize(500);
        // WHEN every part succeeds, the events delivered by 8 concurrent handlers
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> deliveries = new ArrayList<>();
        for (RecordingGlue.Start part : parts) {
            deliveries.add(pool.submit(() -> h.orchestrator.handle(new GlueEvent.JobStateChange(
                    "e-" + part.jobRunId(), NOW, part.name(), part.jobRunId(), JobRunState.SUCCEEDED, "ok"))));
        }
        for (Future<?> delivery : deliveries) {
            delivery.get();
        }
        pool.shutdown();
        // THEN the join fired exactly once: 50 merges started, each recorded with its 500 predecessors
        assertThat(startsOf("merge-")).hasSize(50);
        WorkflowRun after = h.store.run(WORKFLOW, run.workflowRunId()).orElseThrow();
        List<ActionRun> merges = after.actions().values().stream().filter(a -> a.name().startsWith("merge-"))
                .toList();
        assertThat(merges).hasSize(50).allSatisfy(merge -> {
            assertThat(merge.state()).isEqualTo(JobRunState.RUNNING);
            assertThat(merge.predecessorRuns()).hasSize(500);
        });
        // and the statistics are exact: 1 seed + 500 parts succeeded, 50 merges running
        assertThat(after.statistics().totalActions()).isEqualTo(551);
        assertThat(after.statistics().succeededActions()).isEqualTo(501);
        assertThat(after.statistics().runningActions()).isEqualTo(50);
    }

    @Test
    void runOfMoreThan1000Actions_shouldBeRecordedAndReadWhole_andGoOnToComplete() {
        // GIVEN a seed whose success starts 1,000 parts (20 triggers of 50), and a join over the first 2
        h.use(new DefinitionValidator().validateAll(Map.of("workflows/big.json", workflow(1000, 2, 1))));
        WorkflowRun run = startAndSpread();
        // THEN all 1,001 actions are recorded and read back with the run, counted exactly
        WorkflowRun spread = h.store.run(WORKFLOW, run.workflowRunId()).orElseThrow();
        assertThat(spread.actions()).hasSize(1001);
        assertThat(spread.statistics().totalActions()).isEqualTo(1001);
        assertThat(spread.statistics().runningActions()).isEqualTo(1000);
        assertThat(spread.actions().values()).filteredOn(a -> a.name().startsWith("part-"))
                .allSatisfy(a -> assertThat(a.jobRunId()).isNotNull());
        // WHEN the first two parts succeed, the join starts its job in the same run
        for (RecordingGlue.Start part : startsOf("part-").subList(0, 2)) {
            h.orchestrator.handle(new GlueEvent.JobStateChange("e-" + part.jobRunId(), NOW, part.name(),
                    part.jobRunId(), JobRunState.SUCCEEDED, "ok"));
        }
        assertThat(startsOf("merge-")).hasSize(1);
        assertThat(h.store.run(WORKFLOW, run.workflowRunId()).orElseThrow().statistics().totalActions())
                .isEqualTo(1002);
    }

    /** Starts the run on demand and lets its seed succeed, which spreads the parts. */
    private WorkflowRun startAndSpread() {
        WorkflowRun run = new WorkflowOperations(h.source, h.store, h.orchestrator.lifecycle(), h.glue, h.clock)
                .startWorkflowRun(WORKFLOW, Map.of(), null);
        RecordingGlue.Start seed = h.glue.startsOf(name("seed")).get(0);
        h.orchestrator.handle(new GlueEvent.JobStateChange("e-seed", NOW, seed.name(), seed.jobRunId(),
                JobRunState.SUCCEEDED, "ok"));
        return run;
    }

    private List<RecordingGlue.Start> startsOf(String prefix) {
        return h.glue.starts().stream().filter(s -> s.name().startsWith(prefix)).toList();
    }

    /**
     * Workflow {@code big}: ON_DEMAND starts the seed; its success starts {@code parts} jobs, 50 per trigger; an AND
     * over the first {@code joined} parts starts {@code merges} jobs.
     */
    private static String workflow(int parts, int joined, int merges) {
        StringJoiner triggers = new StringJoiner(",\n");
        triggers.add("""
                {"Name": "start", "Type": "ON_DEMAND", "Actions": [{"JobName": "%s"}]}""".formatted(name("seed")));
        for (int from = 0; from < parts; from += Trigger.MAX_ACTIONS) {
            StringJoiner actions = new StringJoiner(", ");
            for (int i = from; i < Math.min(parts, from + Trigger.MAX_ACTIONS); i++) {
                actions.add("{\"JobName\": \"" + name("part-" + i) + "\"}");
            }
            triggers.add("""
                    {"Name": "spread-%d", "Type": "CONDITIONAL", "Predicate": {"Conditions": [
                      {"LogicalOperator": "EQUALS", "JobName": "%s", "State": "SUCCEEDED"}]},
                     "Actions": [%s]}""".formatted(from / Trigger.MAX_ACTIONS, name("seed"), actions));
        }
        StringJoiner conditions = new StringJoiner(", ");
        for (int i = 0; i < joined; i++) {
            conditions.add("{\"LogicalOperator\": \"EQUALS\", \"JobName\": \"" + name("part-" + i)
                    + "\", \"State\": \"SUCCEEDED\"}");
        }
        StringJoiner mergeActions = new StringJoiner(", ");
        for (int i = 0; i < merges; i++) {
            mergeActions.add("{\"JobName\": \"" + name("merge-" + i) + "\"}");
        }
        triggers.add("""
                {"Name": "join", "Type": "CONDITIONAL", "Predicate": {"Logical": "AND", "Conditions": [%s]},
                 "Actions": [%s]}""".formatted(conditions, mergeActions));
        return """
                {"Workflow": {"Name": "%s"}, "Triggers": [%s]}
                """.formatted(WORKFLOW, triggers);
    }

    /** {@code prefix} padded to 200 characters: the sizes of real job names. */
    private static String name(String prefix) {
        return prefix + "-" + "x".repeat(200 - prefix.length() - 1);
    }
}
