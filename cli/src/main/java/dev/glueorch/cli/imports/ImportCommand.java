package dev.glueorch.cli.imports;

import dev.glueorch.cli.AwsRegion;
import dev.glueorch.cli.ExitStatus;
import dev.glueorch.cli.ops.EndpointUrlConverter;
import dev.glueorch.clients.AwsClients;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.regions.Region;

/** {@code glueorch import --from-glue | --from-cloudformation FILE}: Glue workflows and triggers as workflow files. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Import Glue workflows and their triggers, from an account or a CloudFormation template, as "
                + "workflow files (one per workflow, <Name>.json, in the Glue API's shapes), each validated with the "
                + "validator of 'glueorch validate' before it is written.",
            "What does not carry as it was is said, never dropped: triggers of no workflow, trigger states, EVENT "
                + "triggers' EventBridge patterns, MaxConcurrentRuns (runs past it wait here, Glue refuses them), "
                + "jobs that triggers outside the workflow also start. Each finding is a line on standard error "
                + "(NEEDS_DECISION, CARRIED_DIFFERENTLY or CHANGED); with --output json the report "
                + "{\"Written\": [{\"Workflow\", \"File\"}], \"Findings\": [{\"Kind\", \"Source\", \"Subject\", "
                + "\"Message\"}]} goes to standard output."},
        footerHeading = "%nExamples:%n",
        footer = {"  glueorch import --from-glue --region eu-west-1",
            "  glueorch import --from-glue --workflow sales-hourly --partitioning",
            "  glueorch import --from-cloudformation glue-stack.yaml --parameter Env=prod",
            "  glueorch validate workflows && glueorch simulate --workflows workflows ..."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every workflow was written and everything carried (findings, if any, say what behaves "
                + "differently or was changed)",
            "1:something needs a decision (a NEEDS_DECISION finding: read it), or the account could not be read",
            "2:bad usage or input: an unknown --workflow, an unreadable template, a file that exists without "
                + "--force"})
public final class ImportCommand implements Callable<Integer> {

    /** Where the files go unless --out says otherwise: the folder the CDK app and 'validate' read. */
    static final String DEFAULT_FOLDER = "workflows";

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** Exactly one source. */
    static final class Source {
        @Option(names = "--from-glue", required = true,
                description = "Read the account through Glue's API (ListWorkflows, GetWorkflow, ListTriggers, "
                        + "BatchGetTriggers, BatchGetJobs) with your default AWS credentials.")
        boolean glue;

        @Option(names = "--from-cloudformation", required = true, paramLabel = "FILE",
                description = "Read the AWS::Glue::Workflow, Trigger and Job resources of a CloudFormation template "
                        + "(JSON or YAML).")
        Path template;
    }

    @Option(names = "--parameter", paramLabel = "KEY=VALUE",
            description = "A template parameter's value (repeatable); a parameter not given takes its Default. "
                    + "Only with --from-cloudformation.")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--workflow", paramLabel = "NAME",
            description = "Import this workflow (repeatable; default: every workflow of the source).")
    List<String> workflows = new ArrayList<>();

    @Option(names = "--partitioning",
            description = "Give a Partitioning (HOUR or DAY, the previous one) to each workflow whose jobs take the "
                    + "Glue guide's --day_partition_value (and --hour_partition_value) in their DefaultArguments, "
                    + "so each run passes its partition's values; each change is a CHANGED finding.")
    boolean partitioning;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = DEFAULT_FOLDER,
            description = "The folder to write the workflow files in, made if missing (default: ${DEFAULT-VALUE}).")
    Path folder;

    @Option(names = "--force", description = "Replace workflow files that exist (without it, an existing file stops "
            + "the import before anything is written).")
    boolean force;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (the files written) or json (the report); the summary goes to standard error "
                    + "either way (default: ${DEFAULT-VALUE}).")
    Format output;

    @Option(names = "--region", paramLabel = "REGION",
            description = "With --from-glue: the AWS Region (default: AWS_REGION or your AWS profile's).")
    String region;

    @Option(names = "--endpoint-url", paramLabel = "URL", converter = EndpointUrlConverter.class,
            description = "With --from-glue: send Glue requests to this URL (an emulator, say) instead of AWS's.")
    URI endpointUrl;

    @Spec
    CommandSpec spec;

    /** How the report is printed on standard output. */
    enum Format { table, json }

    @Override
    public Integer call() {
        if (source.glue && !parameters.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--parameter goes with --from-cloudformation: an "
                    + "account has no template parameters");
        }
        PrintWriter err = spec.commandLine().getErr();
        try {
            String origin;
            GlueEstate estate;
            if (source.glue) {
                Region resolved = AwsRegion.resolve(region, spec.commandLine());
                origin = "Glue " + resolved.id();
                estate = readAccount(resolved, origin);
            } else {
                origin = String.valueOf(source.template.getFileName());
                estate = readTemplate(origin);
            }
            Set<String> selected = new LinkedHashSet<>(workflows);
            List<String> unknown = unknownWorkflows(estate, selected);
            if (!unknown.isEmpty()) {
                err.println("no workflow " + String.join(", ", unknown) + " in " + origin + "; it defines "
                        + estate.workflows().stream().map(w -> w.path("Name").asText()).toList());
                return ExitStatus.BAD_INPUT;
            }
            PrintWriter out = spec.commandLine().getOut();
            if (estate.workflows().isEmpty() && estate.triggers().isEmpty()) {
                // said as such, not as "0 workflow file(s) written": the wrong template or Region, most likely
                ImportReport report = new ImportReport(List.of(), estate.findings());
                out.print(output == Format.json ? report.json() : report.table());
                out.flush();
                report.nothingToImport(origin).forEach(err::println);
                err.flush();
                return report.needsDecision() ? ExitStatus.FAILED : ExitStatus.OK;
            }
            ImportPlan plan = new EstateMapper(origin, partitioning).map(estate, selected);
            ImportReport report = new WorkflowFiles().write(plan, folder, force);
            out.print(output == Format.json ? report.json() : report.table());
            out.flush();
            report.summary().forEach(err::println);
            err.flush();
            return report.needsDecision() ? ExitStatus.FAILED : ExitStatus.OK;
        } catch (ImportException e) {
            err.println(e.getMessage());
            err.flush();
            return e.kind() == ImportException.Kind.BAD_INPUT ? ExitStatus.BAD_INPUT : ExitStatus.FAILED;
        }
    }

    private GlueEstate readAccount(Region resolved, String origin) {
        Map<String, String> endpoints = endpointUrl == null ? Map.of()
                : Map.of(AwsClients.ENDPOINT_URL, endpointUrl.toString());
        try (AwsClients clients = AwsClients.create(resolved, endpoints)) {
            return new GlueAccountReader(clients.glue().reads(), origin).read(workflows);
        }
    }

    /** The template reader's refusals (a file it cannot read or parse, a malformed resource) are bad input. */
    private GlueEstate readTemplate(String origin) {
        try {
            return new CloudFormationReader().read(source.template, parameters);
        } catch (TemplateException e) {
            throw new ImportException(ImportException.Kind.BAD_INPUT, e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new ImportException(ImportException.Kind.BAD_INPUT, "cannot read " + source.template + ": "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()), e);
        } catch (IllegalArgumentException e) {
            throw new ImportException(ImportException.Kind.BAD_INPUT, origin + ": " + e.getMessage(), e);
        }
    }

    private static List<String> unknownWorkflows(GlueEstate estate, Set<String> selected) {
        Set<String> defined = new LinkedHashSet<>();
        estate.workflows().forEach(w -> defined.add(w.path("Name").asText()));
        return selected.stream().filter(name -> !defined.contains(name)).toList();
    }
}
