package dev.glueorch.cli.ops;

import dev.glueorch.cli.ExitStatus;
import dev.glueorch.cli.local.LocalClock;
import dev.glueorch.engine.OperationException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import picocli.CommandLine.Model.CommandSpec;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Runs one operator command: builds the clients and engine, carries out the operation, prints its response and
 * turns what went wrong into a message that says what to do and an exit code (1 the operation failed, 2 bad input).
 */
public final class OperationRunner {

    /** How the SDK's message begins when no provider of its default chain has credentials. */
    private static final String NO_CREDENTIALS = "Unable to load credentials";

    private OperationRunner() {
    }

    static int run(CommandSpec spec, ConnectionOptions connection, Output output,
                   Function<GlueOperations, Response> operation) {
        return withOperations(spec, connection, factory -> respond(spec, output, operation.apply(
                new GlueOperations(factory.operations(), factory.partitionOperations(), factory::definitionsVersion,
                        LocalClock.sleeper(factory.clock())))));
    }

    /** Prints {@code response} as {@code output} asks, its notes on standard error; returns its exit code. */
    static int respond(CommandSpec spec, Output output, Response response) {
        spec.commandLine().getOut().print(output.render(response));
        spec.commandLine().getOut().flush();
        response.notes().forEach(spec.commandLine().getErr()::println);
        return response.failed() ? ExitStatus.FAILED : ExitStatus.OK;
    }

    /**
     * Runs {@code work} with the clients and engine of the deployment {@code connection} names, and turns what went
     * wrong on the way into a message that says what to do and an exit code; {@code work} returns the exit code
     * when nothing did.
     */
    public static int withOperations(CommandSpec spec, ConnectionOptions connection,
                                     ToIntFunction<OperationsFactory> work) {
        PrintWriter err = spec.commandLine().getErr();
        Region region = connection.region(spec.commandLine());
        Clock clock;
        try {
            clock = LocalClock.forOperators();
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return ExitStatus.BAD_INPUT;
        }
        OperationsFactory created;
        try {
            created = OperationsFactory.create(connection, spec.commandLine(), region, clock);
        } catch (OperationException e) {
            // the stack is unknown, not an orchestrator's, or may not be read
            err.println(e.getMessage());
            return ExitStatus.FAILED;
        } catch (SdkClientException e) {
            return unreachable(err, region, e);
        } catch (SdkException e) {
            err.println("AWS refused to describe stack " + connection.stack + ": " + e.getMessage());
            return ExitStatus.FAILED;
        }
        try (OperationsFactory factory = created) {
            return work.applyAsInt(factory);
        } catch (OperationException e) {
            err.println(e.getMessage());
            return e.kind() == OperationException.Kind.INVALID_INPUT ? ExitStatus.BAD_INPUT : ExitStatus.FAILED;
        } catch (ResourceNotFoundException e) {
            Target target = created.target();
            err.println(target.describeTable() + " not found in " + region + ": " + (target.stackName() == null
                    ? "pass the stack with --stack (or its table with --table-name) and its Region with --region"
                    : "the stack names a table that no longer exists; see what 'cdk diff' in infra/ would change"));
            return ExitStatus.FAILED;
        } catch (SdkClientException e) {
            return unreachable(err, region, e);
        } catch (SdkException e) {
            err.println("AWS refused the request: " + e.getMessage() + " (check your credentials' permissions on "
                    + created.target().describeTable() + ", Glue and the event bus)");
            return ExitStatus.FAILED;
        } catch (IllegalStateException e) {
            // the table holds no definitions yet, or not the version a run started with
            err.println(e.getMessage());
            return ExitStatus.FAILED;
        }
    }

    private static int unreachable(PrintWriter err, Region region, SdkClientException e) {
        if (String.valueOf(e.getMessage()).startsWith(NO_CREDENTIALS)) {
            // the SDK's message lists every provider of its chain: the fix is what a user needs
            err.println("no AWS credentials found: set AWS_PROFILE (or run 'aws configure'), or AWS_ACCESS_KEY_ID "
                    + "and AWS_SECRET_ACCESS_KEY; against an emulator or glueorch local any values do");
            return ExitStatus.FAILED;
        }
        err.println("could not reach AWS in " + region + ": " + e.getMessage() + " (check the network, "
                + "--endpoint-url and your credentials)");
        return ExitStatus.FAILED;
    }
}
