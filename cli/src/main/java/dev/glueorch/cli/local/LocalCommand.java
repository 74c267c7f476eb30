package dev.glueorch.cli.local;

import dev.glueorch.cli.DefinitionFolder;
import dev.glueorch.cli.ExitStatus;
import dev.glueorch.cli.simulate.ScenarioException;
import dev.glueorch.model.DefinitionException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code glueorch local}: the orchestrator on this machine, for the operator commands of another terminal. */
@Command(name = "local", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the orchestrator on this machine until Ctrl-C: DynamoDB Local, the table, the definitions "
                + "of --workflows published to it, and the real handlers, engine and reconciler against a simulated "
                + "Glue that also serves the Glue API, so that every operator command (workflows, triggers, runs, "
                + "backfill, report, definitions publish) can be tried from another terminal without AWS.",
            "It prints the options and the export line that point those commands at it, then a line for every run "
                + "and job that starts or ends, in its clock's time. The clock runs --speed times as fast as real "
                + "time; GLUEORCH_CLOCK in the export line gives the operator commands the same time."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped with Ctrl-C", "1:could not start (a port in use): the message says which option "
                + "to change", "2:bad usage or input (definitions, scenario)"})
public final class LocalCommand implements Callable<Integer> {

    @Option(names = "--workflows", paramLabel = "DIR", defaultValue = "workflows/examples/hourly",
            description = "Folder of workflow files to publish (default: ${DEFAULT-VALUE}).")
    Path workflows;

    @Option(names = "--scenario", paramLabel = "FILE",
            description = "The simulator's scenario format: job and crawler durations (minutes), outcomes by "
                    + "partition, maxConcurrentRuns, NotifyDelayAfter; its from/to and faults are not used. "
                    + "Without it a job run takes 10 minutes and a crawl 5, and succeeds.")
    Path scenario;

    private static final int MAX_PORT = 65_535;

    @Option(names = "--speed", paramLabel = "N", defaultValue = "60",
            description = "How many times as fast as real time the clock runs, 1 to 3600 (default: ${DEFAULT-VALUE}: "
                    + "an hour of hourly runs a real minute).")
    int speed;

    @Option(names = "--dynamodb-port", paramLabel = "PORT", defaultValue = "8000",
            description = "DynamoDB Local's port (default: ${DEFAULT-VALUE}, its usual one; 0: a free one).")
    int dynamoDbPort;

    @Option(names = "--api-port", paramLabel = "PORT", defaultValue = "8001",
            description = "The port of its Glue and EventBridge API, where the operator commands' --endpoint-url points "
                    + "(default: ${DEFAULT-VALUE}; 0: a free one).")
    int apiPort;

    @Option(names = "--table-name", paramLabel = "TABLE", defaultValue = "glue-orchestrator",
            description = "The table (default: ${DEFAULT-VALUE}, the operator commands' default).")
    String table;

    @Option(names = "--region", paramLabel = "REGION", defaultValue = "us-east-1",
            description = "The Region the operator commands name (default: ${DEFAULT-VALUE}; nothing leaves this "
                    + "machine).")
    String region;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (speed < 1 || speed > LocalClock.MAX_SPEED) {
            throw new ParameterException(spec.commandLine(), "--speed must be from 1 to " + LocalClock.MAX_SPEED
                    + ", not " + speed);
        }
        checkPort("--dynamodb-port", dynamoDbPort);
        checkPort("--api-port", apiPort);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LocalOrchestrator local;
        try {
            local = LocalOrchestrator.start(new LocalSettings(workflows, scenario, speed, dynamoDbPort, apiPort, table,
                    region), out);
        } catch (DefinitionException e) {
            return DefinitionFolder.printErrors(e, err, "nothing was started");
        } catch (ScenarioException e) {
            err.println(e.getMessage());
            return ExitStatus.BAD_INPUT;
        } catch (LocalStartException e) {
            err.println("glueorch local: " + e.getMessage());
            return ExitStatus.FAILED;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            local.close();
            out.println("glueorch local: stopped (the table was in memory: its runs are gone)");
            out.flush();
        }, "local-orchestrator-shutdown"));
        out.println("Clock: " + local.clock().value().replace(",", " at ") + "x real time. In another terminal, "
                + "point the operator commands here with the options");
        out.println("  " + local.options());
        out.println("or, for the whole shell (GLUEORCH_CLOCK makes their time the local clock's):");
        out.println("  " + local.exports());
        out.println("Ctrl-C stops it.");
        out.flush();
        local.awaitClose();
        return ExitStatus.OK;
    }

    private void checkPort(String option, int port) {
        if (port < 0 || port > MAX_PORT) {
            throw new ParameterException(spec.commandLine(), option + " must be a TCP port from 1 to " + MAX_PORT
                    + " (0 picks a free one), not " + port);
        }
    }
}
