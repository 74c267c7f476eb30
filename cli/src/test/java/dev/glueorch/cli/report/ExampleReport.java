package dev.glueorch.cli.report;

import dev.glueorch.cli.simulate.Scenario;
import dev.glueorch.cli.simulate.ScenarioReader;
import dev.glueorch.cli.simulate.Simulation;
import dev.glueorch.cli.simulate.SimulationResult;
import dev.glueorch.model.DefinitionLoader;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.WorkflowDefinition;
import dev.glueorch.testing.Resources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The example report (the simulation of {@code workflows/examples/hourly} with its scenario), simulated, written to
 * {@code target/report/report-example.html} and drawn by headless Chromium once per JVM, for the tests that check
 * what a user sees in it.
 */
record ExampleReport(WorkflowDefinition workflow, SimulationResult result, WorkflowReport report, Path page,
                     ReportPage drawn) {

    static final Path OUTPUT = Path.of("target/report");
    static final int WIDTH = 1280;

    private static ExampleReport drawnOnce;

    static synchronized ExampleReport get() {
        if (drawnOnce == null) {
            drawnOnce = draw();
        }
        return drawnOnce;
    }

    private static ExampleReport draw() {
        Path example = Resources.exampleWorkflows();
        Definitions definitions = new DefinitionLoader().load(example);
        Scenario scenario = new ScenarioReader().read(example.resolve("sales-hourly.scenario.json"), definitions);
        SimulationResult result = new Simulation(definitions, scenario).run();
        Report report = SimulationReport.of(List.of(definitions), scenario, result,
                Instant.parse("2026-11-21T07:00:00Z"));
        try {
            Files.createDirectories(OUTPUT);
            Path page = OUTPUT.resolve("report-example.html");
            Files.writeString(page, new ReportRenderer().render(report));
            return new ExampleReport(definitions.workflow("sales-hourly").orElseThrow(), result,
                    report.workflows().get(0), page, new ReportPage(Chromium.dumpDom(page, null, WIDTH, 900)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
