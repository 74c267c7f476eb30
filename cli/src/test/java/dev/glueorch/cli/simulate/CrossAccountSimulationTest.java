package dev.glueorch.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.engine.WorkflowRunStatus;
import dev.glueorch.model.DefinitionLoader;
import dev.glueorch.model.Definitions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two accounts' orchestrators in one simulation: the producer's completions drive the consumer. */
class CrossAccountSimulationTest {

    private static final Path EXAMPLE = Path.of("..", "workflows", "examples", "cross-account");

    @Test
    void consumerReport_shouldWaitForTheProducersRunOfTheSameHourAndArchiveInTheProducersAccount() {
        // GIVEN the example's two accounts; the producer's ingest of partition 01 takes 50 minutes
        ScenarioReader reader = new ScenarioReader();
        Path scenarioFile = EXAMPLE.resolve("cross-account.scenario.json");
        Map<String, Definitions> accounts = new LinkedHashMap<>();
        reader.accounts(scenarioFile).forEach((account, folder) -> accounts.put(account,
                new DefinitionLoader().load(EXAMPLE.resolve(folder))));
        Scenario scenario = reader.read(scenarioFile, accounts.values());

        // WHEN both are simulated together
        SimulationResult result = new Simulation(accounts, scenario).run();

        // THEN every run of both accounts completed
        assertThat(result.workflowRuns()).hasSize(8)
                .allSatisfy(run -> assertThat(run.status()).isEqualTo(WorkflowRunStatus.COMPLETED));
        List<SimulatedGlue.JobRunRecord> runs = result.glueJobRuns();
        for (String partition : List.of("2026-11-20T23", "2026-11-21T00", "2026-11-21T01", "2026-11-21T02")) {
            SimulatedGlue.JobRunRecord ingest = only(runs, "ingest-orders", partition);
            SimulatedGlue.JobRunRecord report = only(runs, "build-orders-report", partition);
            SimulatedGlue.JobRunRecord archive = only(runs, "archive-orders", partition);
            // the report of an hour starts only once the producer's ingest of that same hour ended
            assertThat(report.startedOn()).as(partition).isAfterOrEqualTo(ingest.endsOn());
            assertThat(ingest.account()).isEqualTo("111111111111");
            assertThat(report.account()).isEqualTo("222222222222");
            // and the remote action ran in the producer's account
            assertThat(archive.account()).isEqualTo("111111111111");
        }
        SimulatedGlue.JobRunRecord slowIngest = only(runs, "ingest-orders", "2026-11-21T01");
        assertThat(only(runs, "build-orders-report", "2026-11-21T01").startedOn())
                .isEqualTo(slowIngest.endsOn());
    }

    private static SimulatedGlue.JobRunRecord only(List<SimulatedGlue.JobRunRecord> runs, String job,
                                                    String partition) {
        List<SimulatedGlue.JobRunRecord> matching = runs.stream()
                .filter(r -> r.jobName().equals(job) && partition.equals(r.partition())).toList();
        assertThat(matching).as(job + " " + partition).hasSize(1);
        return matching.get(0);
    }
}
