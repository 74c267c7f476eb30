package dev.glueorch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.glueorch.cli.output.EventBatchText;
import dev.glueorch.cli.output.GlueShapes;
import dev.glueorch.cli.output.StatisticsText;
import dev.glueorch.cli.output.Table;
import dev.glueorch.cli.report.ReportFile;
import dev.glueorch.cli.report.SimulationReport;
import dev.glueorch.cli.simulate.Scenario;
import dev.glueorch.cli.simulate.ScenarioException;
import dev.glueorch.cli.simulate.ScenarioReader;
import dev.glueorch.cli.simulate.Simulation;
import dev.glueorch.cli.simulate.SimulationProgress;
import dev.glueorch.cli.simulate.SimulationResult;
import dev.glueorch.engine.ActionRun;
import dev.glueorch.engine.OrchestratorEvent;
import dev.glueorch.engine.Statistics;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.model.DefinitionError;
import dev.glueorch.model.DefinitionException;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.NodeType;
import dev.glueorch.model.WorkflowDefinition;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code glueorch simulate --workflows DIR --scenario FILE [--output json|table] [--report FILE]}. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Run the real handlers on a virtual clock against DynamoDB Local (in this process) and a "
                + "simulated Glue that completes runs as the scenario says and emits the events Glue would.",
            "Schedule slots in [from, to) start runs; the simulation goes on until every started run finished."})
final class SimulateCommand implements Callable<Integer> {

    enum Output { json, table }

    /** The system property through which the {@code glueorch} launcher says whether stderr is a terminal. */
    static final String STDERR_IS_TERMINAL = "glueorch.stderrIsTerminal";

    @Option(names = "--workflows", required = true, paramLabel = "DIR", description = "Folder of workflow files; "
            + "with a scenario's \"accounts\", the folder that holds each account's folder.")
    Path workflows;

    @Option(names = "--scenario", required = true, paramLabel = "FILE", description = "Scenario file (JSON).")
    Path scenarioFile;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table",
            description = "json (Glue's shapes) or table (default: ${DEFAULT-VALUE}).")
    Output output;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write an HTML run report of the "
            + "simulation to FILE: each workflow's graph, a timeline of its job runs and crawls, its runs with Glue's "
            + "statistics and the notifications sent.")
    Path reportFile;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final BooleanSupplier stderrIsTerminal;
    private final LongSupplier nanoTime;

    SimulateCommand() {
        this(SimulateCommand::stderrIsTerminal, System::nanoTime);
    }

    /**
     * @param stderrIsTerminal whether stderr is a terminal, where the simulated time reached is shown while it runs
     * @param nanoTime wall time, which paces those updates
     */
    SimulateCommand(BooleanSupplier stderrIsTerminal, LongSupplier nanoTime) {
        this.stderrIsTerminal = stderrIsTerminal;
        this.nanoTime = nanoTime;
    }

    /**
     * Java cannot tell whether stderr alone is a terminal: the launcher says ({@code [ -t 2 ]}); run without it, a
     * console (stdin and stdout on a terminal) stands for one.
     */
    static boolean stderrIsTerminal() {
        String told = System.getProperty(STDERR_IS_TERMINAL);
        return told != null ? Boolean.parseBoolean(told) : System.console() != null;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter err = spec.commandLine().getErr();
        ReportFile report = reportFile == null ? null : new ReportFile(spec.commandLine(), "--report", reportFile);
        Map<String, Definitions> definitions = new LinkedHashMap<>();
        Scenario scenario;
        try {
            ScenarioReader reader = new ScenarioReader();
            Map<String, String> accounts = reader.accounts(scenarioFile);
            if (accounts.isEmpty()) {
                definitions.put("", DefinitionFolder.load(workflows));
            } else {
                for (Map.Entry<String, String> account : accounts.entrySet()) {
                    definitions.put(account.getKey(), DefinitionFolder.load(workflows.resolve(
                            account.getValue())));
                }
            }
            scenario = reader.read(scenarioFile, definitions.values());
        } catch (DefinitionException e) {
            e.errors().stream().map(DefinitionError::toString).forEach(err::println);
            return ExitStatus.BAD_INPUT;
        } catch (ScenarioException e) {
            err.println(e.getMessage());
            return ExitStatus.BAD_INPUT;
        }
        Simulation simulation = definitions.containsKey("") ? new Simulation(definitions.get(""), scenario)
                : new Simulation(definitions, scenario);
        SimulationResult result;
        if (stderrIsTerminal.getAsBoolean()) {
            SimulationProgress progress = new SimulationProgress(scenario.from(), scenario.to(), err, nanoTime);
            try {
                result = simulation.onProgress(progress).run();
            } finally {
                progress.done();
            }
        } else {
            result = simulation.run();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output == Output.json) {
            out.println(json(result));
        } else {
            out.print(table(result, definitions.values()));
        }
        out.flush();
        if (report != null) {
            // the report's message goes to stderr: stdout stays the table or the JSON document scripts read
            return report.write(SimulationReport.of(List.copyOf(definitions.values()), scenario, result,
                    Instant.now()), err, err);
        }
        return ExitStatus.OK;
    }

    static String json(SimulationResult result) throws JsonProcessingException {
        List<Map<String, Object>> runs = new ArrayList<>();
        List<Map<String, Object>> jobRuns = new ArrayList<>();
        for (WorkflowRun run : result.workflowRuns()) {
            runs.add(GlueShapes.workflowRun(run));
            jobRuns.addAll(GlueShapes.jobRuns(run));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("workflowRuns", runs);
        document.put("jobRuns", jobRuns);
        List<Map<String, Object>> notifications = new ArrayList<>();
        for (OrchestratorEvent.Notification notification : result.notifications()) {
            Map<String, Object> shape = new LinkedHashMap<>();
            shape.put("type", notification.detailType());
            shape.put("workflow", notification.workflowName());
            shape.put("workflowRunId", notification.workflowRunId());
            shape.put("partition", notification.partition());
            shape.put("jobName", notification.name());
            shape.put("jobRunId", notification.jobRunId());
            shape.put("lateByMinutes", notification.lateByMinutes());
            OrchestratorEvent.Notification.Missing missing = notification.missing();
            if (missing != null) {
                shape.put("triggerName", missing.triggerName());
                shape.put("slot", missing.slot().toString());
                shape.put("reason", missing.reason().name());
                shape.put("lastPartition", missing.lastPartition());
                shape.put("missingPartitions", missing.partitions());
            }
            shape.put("at", notification.time().toString());
            notifications.add(shape);
        }
        document.put("notifications", notifications);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document);
    }

    /** A summary per run, with the batch of events that started or joined it; {@code definitions} of every account. */
    static String table(SimulationResult result, Collection<Definitions> definitions) {
        StringBuilder text = new StringBuilder();
        for (WorkflowRun run : result.workflowRuns()) {
            Statistics s = run.statistics();
            text.append(String.format("%s  %s  partition %s  %s%s  %s -> %s%n", run.workflowName(),
                    run.workflowRunId(), run.partitionId(), run.status(), StatisticsText.troubles(s), run.startedOn(),
                    run.completedOn()));
            WorkflowDefinition workflow = definitions.stream().flatMap(d -> d.workflow(run.workflowName()).stream())
                    .findFirst().orElse(null);
            EventBatchText.line(run, workflow).ifPresent(line -> text.append("  ").append(line).append('\n'));
            text.append(StatisticsText.actionsLine(s));
            Table table = new Table("ACTION", "TRIGGER", "STATE", "STARTED", "COMPLETED", "RUN ID");
            for (ActionRun action : run.actions().values()) {
                // a crawl in Glue's CrawlState (a cancelled crawl is CANCELLED, not its action's STOPPED)
                Object state = action.type() == NodeType.CRAWLER ? GlueShapes.crawl(action).get("State")
                        : action.state();
                table.row(action.type().name().toLowerCase(java.util.Locale.ROOT) + " " + action.name(),
                        action.triggerName(), state, action.startedOn(), action.completedOn(), action.jobRunId());
            }
            text.append(table.render("  ")).append('\n');
        }
        text.append(result.workflowRuns().size()).append(" workflow run(s)\n");
        if (!result.notifications().isEmpty()) {
            Table table = new Table("NOTIFICATION", "WORKFLOW", "PARTITION", "JOB", "AT", "MESSAGE");
            for (OrchestratorEvent.Notification n : result.notifications()) {
                table.row(n.detailType(), n.workflowName(), n.partition(), n.name(), n.time(), n.message());
            }
            text.append('\n').append(table.render(""));
        }
        return text.toString();
    }
}
