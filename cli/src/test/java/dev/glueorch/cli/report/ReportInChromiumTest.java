package dev.glueorch.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.cli.simulate.SimulatedGlue;
import dev.glueorch.cli.simulate.SimulationResult;
import dev.glueorch.engine.ActionRun;
import dev.glueorch.engine.WorkflowGraph;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.model.JobRunState;
import dev.glueorch.model.NodeId;
import dev.glueorch.model.NodeType;
import dev.glueorch.model.WorkflowDefinition;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example report (the simulation of {@code workflows/examples/hourly} with its scenario) as headless Chromium
 * draws it: what a user sees is checked in the DOM after the page's script ran, against the simulation's own
 * result, and a screenshot of it is kept in {@code target/report/}.
 */
class ReportInChromiumTest {

    static final Path OUTPUT = ExampleReport.OUTPUT;
    private static final int WIDTH = ExampleReport.WIDTH;

    private static WorkflowDefinition workflow;
    private static SimulationResult result;
    private static Path page;
    private static ReportPage drawn;

    @BeforeAll
    static void drawTheExampleReport() {
        ExampleReport example = ExampleReport.get();
        workflow = example.workflow();
        result = example.result();
        page = example.page();
        drawn = example.drawn();
    }

    @Test
    void everyGraphNode_shouldBeDrawnWithItsStateInTheLatestRun() {
        // THEN
        WorkflowRun latest = result.workflowRuns().get(result.workflowRuns().size() - 1);
        assertThat(drawn.graphStates()).isEqualTo(expectedStates(workflow, latest))
                .containsEntry("TRIGGER:sales-alert", "NOT_FIRED").containsEntry("JOB:load-sales", "SUCCEEDED");
    }

    @Test
    void everyJobRunOfTheScenario_shouldBeDrawnWithItsState() {
        // THEN every job run Glue ran is a bar, in the state the orchestrator recorded
        Map<String, String> recorded = new LinkedHashMap<>();
        result.workflowRuns().forEach(run -> run.actions().values().stream().filter(a -> a.type() == NodeType.JOB)
                .forEach(a -> recorded.put(a.jobRunId(), a.state().name())));
        assertThat(drawn.jobRunStates()).isEqualTo(recorded).containsValue("FAILED");
        assertThat(drawn.jobRunStates().keySet()).containsExactlyInAnyOrderElementsOf(result.glueJobRuns().stream()
                .map(SimulatedGlue.JobRunRecord::jobRunId).toList());
        long crawls = result.workflowRuns().stream().flatMap(r -> r.actions().values().stream())
                .filter(a -> a.type() == NodeType.CRAWLER).count();
        assertThat(drawn.elements("rect", "bar")).filteredOn(b -> "CRAWLER:catalog-sales".equals(b.get("data-node")))
                .hasSize((int) crawls).allMatch(b -> "SUCCEEDED".equals(b.get("data-state")));
    }

    @Test
    void screenshot_shouldShowTheWholePageAt1280Pixels() throws IOException {
        // WHEN
        int height = Integer.parseInt(drawn.rootAttribute("data-page-height"));
        Path png = OUTPUT.resolve("report-example.png");
        Chromium.screenshot(page, null, WIDTH, height, png);

        // THEN
        try (DataInputStream in = new DataInputStream(Files.newInputStream(png))) {
            assertThat(in.readLong()).as("PNG signature").isEqualTo(0x89504E470D0A1A0AL);
            in.readInt();
            assertThat(in.readInt()).as("IHDR").isEqualTo(0x49484452);
            assertThat(in.readInt()).as("width").isEqualTo(WIDTH);
            assertThat(in.readInt()).as("height").isEqualTo(height);
        }
        assertThat(Files.size(png)).isGreaterThan(20_000);
    }

    @Test
    void linkToARun_shouldDrawTheGraphAndDetailsOfThatRun() {
        // GIVEN the run whose ingest failed
        WorkflowRun failed = result.workflowRuns().stream().filter(r -> r.statistics().failedActions() > 0)
                .findFirst().orElseThrow();

        // WHEN
        ReportPage linked = new ReportPage(Chromium.dumpDom(page, "run=" + failed.workflowRunId(), WIDTH, 900));

        // THEN
        assertThat(linked.graphStates()).isEqualTo(expectedStates(workflow, failed))
                .containsEntry("JOB:ingest-orders", "FAILED").containsEntry("TRIGGER:sales-alert", "FIRED")
                .containsEntry("JOB:transform-sales", "NOT_RUN");
        assertThat(linked.elements("tr", "chosen")).extracting(r -> r.get("data-run-id"))
                .containsExactly(failed.workflowRunId());
        assertThat(linked.html).contains("Graph of <span class=\"chosen-run\">partition 2026-11-21T03</span>")
                .contains("<dt class=\"hot\">FailedActions</dt><dd class=\"hot\">1</dd>");
    }

    @Test
    void hoverOverABar_shouldShowItsJobRunIdArgumentsAndDuration(@TempDir Path dir) throws IOException {
        // GIVEN the failed job run of the scenario
        ActionRun failed = result.workflowRuns().stream().flatMap(r -> r.actions().values().stream())
                .filter(a -> a.state() == JobRunState.FAILED).findFirst().orElseThrow();

        // WHEN the pointer moves onto its bar
        String tip = tooltip(Files.readString(page), failed.jobRunId(), dir);

        // THEN
        assertThat(tip).contains("ingest-orders", "failed", failed.jobRunId(), "2026-11-21T03", "5m 00s",
                "--day_partition_value = 2026-11-21", "--hour_partition_value = 3",
                "--glueorch_action_id = " + failed.actionId());
    }

    @Test
    void textFromDefinitionsAndRuns_shouldBeShownAndNeverRun(@TempDir Path dir) throws IOException {
        // GIVEN a description with markup and a job argument with a script
        WorkflowReport report = WorkflowReport.of(new WorkflowHistory(ReportRendererTest.workflowDescribedAs(
                ReportRendererTest.MARKUP_IN_DESCRIPTION), List.of(ReportRendererTest.runWithArgument(
                ReportRendererTest.SCRIPT_IN_ARGUMENT)), List.of(), NotificationSource.SENT), null);
        String html = new ReportRenderer().render(new Report("Escaping", Instant.now(),
                Instant.parse("2026-11-21T04:00:00Z"), Instant.parse("2026-11-21T05:00:00Z"), List.of(report)));

        // WHEN it is drawn and the bar is hovered
        String tip = tooltip(html, "jr_escape", dir);
        ReportPage dom = new ReportPage(Chromium.dumpDom(dir.resolve("hover.html"), null, WIDTH, 900));

        // THEN the texts are on the page as text, and nothing of theirs ran
        assertThat(dom.html).contains("<title>Escaping</title>").doesNotContain("pwned</title>")
                .doesNotContainPattern(Pattern.compile("<img\\b"));
        assertThat(dom.elements("p", "description")).hasSize(1);
        assertThat(tip).contains("--note = &lt;/script&gt;&lt;script&gt;document.title='pwned'&lt;/script&gt;");
    }

    /** The tooltip's markup after a pointer moved onto the bar of {@code jobRunId}, as the browser has it. */
    private static String tooltip(String html, String jobRunId, Path dir) throws IOException {
        String hover = "<script>(function () { var bar = document.querySelector('rect.bar[data-job-run-id=\""
                + jobRunId + "\"]'); var box = bar.getBoundingClientRect(); bar.dispatchEvent(new MouseEvent("
                + "'mousemove', {bubbles: true, clientX: box.left + 1, clientY: box.top + 1})); }());</script>";
        Path file = dir.resolve("hover.html");
        Files.writeString(file, html.replace("</body>", hover + "</body>"));
        Matcher tip = Pattern.compile("<div id=\"tip\"([^>]*)>(.*?)</div>", Pattern.DOTALL)
                .matcher(Chromium.dumpDom(file, null, WIDTH, 900));
        assertThat(tip.find()).as("the page has its tooltip").isTrue();
        assertThat(tip.group(1)).as("the tooltip is shown").doesNotContain("hidden");
        return tip.group(2);
    }

    /** What the graph must show for {@code run}: each node's latest state in it, every trigger fired or not. */
    static Map<String, String> expectedStates(WorkflowDefinition workflow, WorkflowRun run) {
        Map<String, String> states = new LinkedHashMap<>();
        for (NodeId node : WorkflowGraph.nodes(workflow)) {
            String state = node.type() == NodeType.TRIGGER ? (run.hasFired(node.name()) ? "FIRED" : "NOT_FIRED")
                    : run.actions().values().stream().filter(a -> a.type() == node.type()
                            && a.name().equals(node.name())).max(Comparator.comparing(ActionRun::startedOn))
                    .map(a -> a.state().name()).orElse("NOT_RUN");
            states.put(node.toString(), state);
        }
        return states;
    }
}
