package dev.glueorch.cli.report;

import static dev.glueorch.cli.report.RunFixtures.crawl;
import static dev.glueorch.cli.report.RunFixtures.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.glueorch.cli.output.GlueShapes;
import dev.glueorch.engine.OrchestratorEvent.Notification;
import dev.glueorch.engine.RunIds;
import dev.glueorch.engine.TriggerState;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.model.JobRunState;
import dev.glueorch.model.NodeType;
import dev.glueorch.model.WorkflowDefinition;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkflowReportTest {

    private static final WorkflowDefinition EXAMPLE = RunFixtures.example();
    private static final Instant T0 = Instant.parse("2026-11-21T04:00:00Z");

    @Test
    void graph_shouldHaveTheNodesAndEdgesOfGluesGraph() {
        // WHEN
        ReportGraph graph = ReportGraph.of(EXAMPLE);

        // THEN
        Map<String, Object> glue = GlueShapes.graph(EXAMPLE, name -> TriggerState.ACTIVATED, null);
        List<Object> nodeIds = ((List<?>) glue.get("Nodes")).stream().map(n -> ((Map<?, ?>) n).get("UniqueId"))
                .map(Object.class::cast).toList();
        assertThat(graph.nodes()).extracting(n -> (Object) n.id().toString()).containsExactlyElementsOf(nodeIds);
        List<Object> edges = ((List<?>) glue.get("Edges")).stream().map(Object.class::cast).toList();
        assertThat(graph.edges()).extracting(e -> (Object) Map.of("SourceId", e.sourceId(), "DestinationId",
                e.destinationId())).containsExactlyElementsOf(edges);
    }

    @Test
    void graph_shouldShowEachConditionsLogicAndAwaitedStates() {
        // WHEN
        ReportGraph graph = ReportGraph.of(EXAMPLE);

        // THEN
        Map<String, String> details = new HashMap<>();
        graph.nodes().forEach(n -> details.put(n.id().toString(), n.detail()));
        assertThat(details).containsEntry("TRIGGER:sales-join", "AND of 2")
                .containsEntry("TRIGGER:sales-alert", "ANY of 5")
                .containsEntry("TRIGGER:sales-start", "cron(0 * * * ? *)");
        assertThat(graph.edges()).filteredOn(e -> e.destinationId().equals("TRIGGER:sales-alert"))
                .extracting(GraphEdge::sourceId, GraphEdge::label).contains(
                        tuple("JOB:transform-sales", "FAILED | TIMEOUT"),
                        tuple("JOB:ingest-orders", "FAILED"));
        assertThat(graph.edges()).filteredOn(e -> e.sourceId().startsWith("TRIGGER:")).allMatch(e -> e.label()
                == null);
    }

    @Test
    void layout_shouldPlaceEveryNodeBelowTheNodesItWaitsFor() {
        // WHEN
        ReportGraph graph = ReportGraph.of(EXAMPLE);

        // THEN the example has no cycle: every edge goes down at least one row
        Map<String, Integer> layers = new HashMap<>();
        graph.nodes().forEach(n -> layers.put(n.id().toString(), n.layer()));
        graph.edges().forEach(e -> assertThat(layers.get(e.destinationId())).as(e.toString())
                .isGreaterThan(layers.get(e.sourceId())));
        assertThat(graph.nodes()).extracting(n -> n.layer() + "/" + n.position()).doesNotHaveDuplicates();
    }

    @Test
    void nodeStates_shouldBeEachNodesLatestStateInTheRun() {
        // GIVEN the run of the example whose ingest failed: the alert fired, the join did not
        WorkflowRun failed = failedRun();

        // WHEN
        WorkflowReport report = WorkflowReport.of(history(List.of(failedRun(), succeededRun())),
                failed.workflowRunId());

        // THEN
        Map<String, ShownState> states = new LinkedHashMap<>();
        for (int i = 0; i < report.graph().nodes().size(); i++) {
            states.put(report.graph().nodes().get(i).id().toString(), report.chosenStates().get(i));
        }
        assertThat(states).containsEntry("JOB:ingest-orders", ShownState.FAILED)
                .containsEntry("JOB:ingest-payments", ShownState.SUCCEEDED)
                .containsEntry("TRIGGER:sales-start", ShownState.FIRED)
                .containsEntry("TRIGGER:sales-alert", ShownState.FIRED)
                .containsEntry("JOB:alert-on-failure", ShownState.RUNNING)
                .containsEntry("TRIGGER:sales-join", ShownState.NOT_FIRED)
                .containsEntry("JOB:transform-sales", ShownState.NOT_RUN)
                .containsEntry("CRAWLER:catalog-sales", ShownState.NOT_RUN);
    }

    @Test
    void chosenRun_shouldBeTheLatestUnlessOneIsNamed() {
        // WHEN
        WorkflowReport report = WorkflowReport.of(history(List.of(succeededRun(), failedRun())), null);

        // THEN runs are ordered by start, and the latest is drawn
        assertThat(report.runs()).extracting(WorkflowRun::partitionId)
                .containsExactly("2026-11-21T03", "2026-11-21T04");
        assertThat(report.chosen().partitionId()).isEqualTo("2026-11-21T04");
        assertThatThrownBy(() -> WorkflowReport.of(history(List.of(succeededRun())), "wr_unknown"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wr_unknown");
    }

    @Test
    void noRun_shouldDrawTheGraphWithNothingRunAndNothingFired() {
        // WHEN
        WorkflowReport report = WorkflowReport.of(history(List.of()), null);

        // THEN
        assertThat(report.chosen()).isNull();
        assertThat(report.chosenStates()).containsOnly(ShownState.NOT_RUN, ShownState.NOT_FIRED);
        assertThat(report.bars()).isEmpty();
    }

    @Test
    void bars_shouldBeEveryJobRunAndCrawlOnTheLaneOfItsJobWithTheReportedDelay() {
        // GIVEN the transform of the succeeded run was reported 7 minutes late
        WorkflowRun succeeded = succeededRun();
        String transform = succeeded.actions().values().stream().filter(a -> a.name().equals("transform-sales"))
                .findFirst().orElseThrow().jobRunId();
        Notification late = new Notification(Notification.Kind.RUN_DELAYED, "sales-hourly",
                succeeded.workflowRunId(), succeeded.partitionId(), Map.of(), NodeType.JOB, "transform-sales",
                transform, 7L, null, "late", T0, transform);

        // WHEN
        WorkflowReport report = WorkflowReport.of(new WorkflowHistory(EXAMPLE, List.of(failedRun(), succeeded),
                List.of(late), NotificationSource.SENT), null);

        // THEN
        assertThat(report.bars()).hasSize(3 + 5);
        for (TimelineBar bar : report.bars()) {
            assertThat(report.lanes().get(bar.lane()).node().name()).isEqualTo(bar.action().name());
            assertThat(bar.state()).isEqualTo(ShownState.of(bar.action().state()));
            assertThat(bar.delayed()).isEqualTo(transform.equals(bar.action().jobRunId()));
        }
        assertThat(report.lanes()).extracting(l -> l.node().toString()).startsWith("JOB:ingest-orders")
                .contains("CRAWLER:catalog-sales").endsWith("JOB:alert-on-failure");
    }

    private static WorkflowHistory history(List<WorkflowRun> runs) {
        return new WorkflowHistory(EXAMPLE, runs, List.of(), NotificationSource.SENT);
    }

    /** Partition 04: the ingest of orders failed, the alert job is still running. */
    static WorkflowRun failedRun() {
        String runId = RunIds.forPartition("sales-hourly", "2026-11-21T04");
        Instant start = T0.plusSeconds(3600);
        return RunFixtures.run("sales-hourly", "2026-11-21T04", start, Set.of("sales-start", "sales-alert"), List.of(
                job(runId, "sales-start", 0, "ingest-orders", "jr_4a", JobRunState.FAILED, start,
                        start.plusSeconds(300), Map.of()),
                job(runId, "sales-start", 1, "ingest-payments", "jr_4b", JobRunState.SUCCEEDED, start,
                        start.plusSeconds(900), Map.of()),
                job(runId, "sales-alert", 0, "alert-on-failure", "jr_4c", JobRunState.RUNNING,
                        start.plusSeconds(300), null, Map.of("--workflow", "sales-hourly"))));
    }

    /** Partition 03: everything succeeded. */
    static WorkflowRun succeededRun() {
        String runId = RunIds.forPartition("sales-hourly", "2026-11-21T03");
        return RunFixtures.run("sales-hourly", "2026-11-21T03", T0, Set.of("sales-start", "sales-join",
                "sales-publish"), List.of(
                job(runId, "sales-start", 0, "ingest-orders", "jr_3a", JobRunState.SUCCEEDED, T0,
                        T0.plusSeconds(1200), Map.of()),
                job(runId, "sales-start", 1, "ingest-payments", "jr_3b", JobRunState.SUCCEEDED, T0,
                        T0.plusSeconds(900), Map.of()),
                job(runId, "sales-join", 0, "transform-sales", "jr_3c", JobRunState.SUCCEEDED,
                        T0.plusSeconds(1200), T0.plusSeconds(2700), Map.of("--target", "s3://lake/sales")),
                job(runId, "sales-publish", 0, "load-sales", "jr_3d", JobRunState.SUCCEEDED, T0.plusSeconds(2700),
                        T0.plusSeconds(3300), Map.of()),
                crawl(runId, "sales-publish", 1, "catalog-sales", JobRunState.SUCCEEDED, T0.plusSeconds(2700),
                        T0.plusSeconds(3000))));
    }
}
