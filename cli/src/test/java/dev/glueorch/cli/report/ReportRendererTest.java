package dev.glueorch.cli.report;

import static dev.glueorch.cli.report.RunFixtures.job;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.engine.OrchestratorEvent.Notification;
import dev.glueorch.engine.RunIds;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.model.DefinitionValidator;
import dev.glueorch.model.JobRunState;
import dev.glueorch.model.NodeType;
import dev.glueorch.model.WorkflowDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportRendererTest {

    static final String SCRIPT_IN_ARGUMENT = "</script><script>document.title='pwned'</script>";
    static final String MARKUP_IN_DESCRIPTION = "<img src=x onerror=\"document.title='pwned'\"> & more";
    private static final Instant FROM = Instant.parse("2026-11-21T04:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-21T06:00:00Z");

    @Test
    void page_shouldReferenceNothingOutsideItself() {
        // WHEN
        String html = render(WorkflowReport.of(new WorkflowHistory(RunFixtures.example(), List.of(
                WorkflowReportTest.succeededRun(), WorkflowReportTest.failedRun()), List.of(),
                NotificationSource.SENT), null));

        // THEN no address a browser would fetch: no src or href at all, no @import, url() only to this page's ids
        assertThat(html).doesNotContainPattern(Pattern.compile("(?i)\\b(src|href)\\s*="))
                .doesNotContainPattern(Pattern.compile("(?i)@import"))
                .doesNotContainPattern(Pattern.compile("(?i)url\\(\\s*['\"]?(?!#)"))
                .doesNotContain("http://").doesNotContain("https://")
                .contains("<meta name=\"viewport\"");
    }

    @Test
    void userText_shouldBeShownAsTextAndNeverRun() {
        // GIVEN a workflow whose description holds markup and a job run whose argument holds a script
        WorkflowDefinition workflow = workflowDescribedAs(MARKUP_IN_DESCRIPTION);
        WorkflowReport report = WorkflowReport.of(new WorkflowHistory(workflow, List.of(runWithArgument(
                SCRIPT_IN_ARGUMENT)), List.of(), NotificationSource.SENT), null);

        // WHEN
        String html = render(report);

        // THEN the page's own two scripts (its data and its code) are the only ones, and the texts are intact
        assertThat(Pattern.compile("<script").matcher(html).results().count()).isEqualTo(2);
        assertThat(html).doesNotContain("<img").doesNotContain("document.title='pwned'</script>")
                .contains("&lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;&quot;&gt; &amp; more");
        JsonNode data = new ReportPage(html).data();
        List<String> strings = new ArrayList<>();
        data.get("strings").forEach(s -> strings.add(s.asText()));
        assertThat(strings).contains("--note", SCRIPT_IN_ARGUMENT);
    }

    @Test
    void graph_shouldDrawEveryNodeWithItsStateInTheChosenRun() {
        // GIVEN
        WorkflowRun failed = WorkflowReportTest.failedRun();
        WorkflowReport report = WorkflowReport.of(new WorkflowHistory(RunFixtures.example(), List.of(
                WorkflowReportTest.succeededRun(), failed), List.of(), NotificationSource.SENT), null);

        // WHEN
        ReportPage page = new ReportPage(render(report));

        // THEN
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < report.graph().nodes().size(); i++) {
            expected.put(report.graph().nodes().get(i).id().toString(), report.chosenStates().get(i).name());
        }
        assertThat(page.graphStates()).isEqualTo(expected).containsEntry("JOB:ingest-orders", "FAILED")
                .containsEntry("TRIGGER:sales-alert", "FIRED").containsEntry("JOB:transform-sales", "NOT_RUN");
        assertThat(page.elements("text", "edge-label")).isNotEmpty();
        assertThat(page.html).contains("ANY of 5").contains("FAILED | TIMEOUT")
                .contains("<tspan class=\"icon\">✗</tspan> <tspan class=\"label\">failed</tspan>");
    }

    @Test
    void data_shouldHoldEveryJobRunAndCrawlWithItsStateAndArguments() {
        // GIVEN
        List<WorkflowRun> runs = List.of(WorkflowReportTest.succeededRun(), WorkflowReportTest.failedRun());
        WorkflowReport report = WorkflowReport.of(new WorkflowHistory(RunFixtures.example(), runs, List.of(),
                NotificationSource.SENT), null);

        // WHEN
        JsonNode data = new ReportPage(render(report)).data();

        // THEN
        Set<String> drawn = new HashSet<>();
        data.get("bars").forEach(bar -> {
            String state = data.get("states").get(bar.get(4).asInt()).get(0).asText();
            String name = data.get("lanes").get(bar.get(0).asInt()).get(2).asText();
            drawn.add(name + " " + bar.get(5).asText(null) + " " + state);
        });
        Set<String> expected = new HashSet<>();
        runs.forEach(run -> run.actions().values().forEach(a -> expected.add(a.name() + " " + a.jobRunId() + " "
                + a.state())));
        assertThat(drawn).isEqualTo(expected);
        JsonNode transform = null;
        for (JsonNode bar : data.get("bars")) {
            if ("jr_3c".equals(bar.get(5).asText())) {
                transform = bar;
            }
        }
        assertThat(transform).isNotNull();
        assertThat(transform.get(3).asLong() - transform.get(2).asLong()).as("duration in seconds").isEqualTo(1500);
        List<String> arguments = new ArrayList<>();
        transform.get(6).forEach(i -> arguments.add(data.get("strings").get(i.asInt()).asText()));
        assertThat(arguments).containsSequence("--target", "s3://lake/sales");
    }

    @Test
    void tables_shouldListEveryRunWithGluesStatisticsAndEveryNotification() {
        // GIVEN
        WorkflowRun failed = WorkflowReportTest.failedRun();
        Notification notification = new Notification(Notification.Kind.RUN_FAILED, "sales-hourly",
                failed.workflowRunId(), failed.partitionId(), Map.of(), NodeType.JOB, "ingest-orders", "jr_4a",
                null, null, "Job run of ingest-orders failed: <boom>", FROM, "jr_4a");
        WorkflowReport report = WorkflowReport.of(new WorkflowHistory(RunFixtures.example(), List.of(
                WorkflowReportTest.succeededRun(), failed), List.of(notification), NotificationSource.DERIVED),
                null);

        // WHEN
        ReportPage page = new ReportPage(render(report));

        // THEN
        assertThat(page.elements("tr", "run")).extracting(r -> r.get("data-run-id"))
                .containsExactly(WorkflowReportTest.succeededRun().workflowRunId(), failed.workflowRunId());
        assertThat(page.elements("tr", "chosen")).extracting(r -> r.get("data-run-id"))
                .containsExactly(failed.workflowRunId());
        assertThat(page.html).contains("title=\"TotalActions\"", "title=\"FailedActions\"",
                "title=\"WaitingActions\"");
        assertThat(page.elements("tr", null)).filteredOn(r -> "RUN_FAILED".equals(r.get("data-kind")))
                .extracting(r -> r.get("data-job-run-id")).containsExactly("jr_4a");
        assertThat(page.html).contains("failed: &lt;boom&gt;").contains("derived from the runs");
    }

    private static String render(WorkflowReport report) {
        return new ReportRenderer().render(new Report("Run report: test", TO, FROM, TO, List.of(report)));
    }

    static WorkflowDefinition workflowDescribedAs(String description) {
        String json = RunFixtures.example().json().replaceFirst("\"Description\": \"[^\"]*\"",
                Matcher.quoteReplacement("\"Description\": " + quoted(description)));
        return new DefinitionValidator().validateAll(Map.of("sales-hourly.json", json)).workflow("sales-hourly")
                .orElseThrow();
    }

    static WorkflowRun runWithArgument(String value) {
        String runId = RunIds.forPartition("sales-hourly", "2026-11-21T04");
        return RunFixtures.run("sales-hourly", "2026-11-21T04", FROM, Set.of("sales-start"), List.of(
                job(runId, "sales-start", 0, "ingest-orders", "jr_escape", JobRunState.SUCCEEDED, FROM,
                        FROM.plusSeconds(600), Map.of("--note", value))));
    }

    private static String quoted(String text) {
        try {
            return new ObjectMapper().writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
