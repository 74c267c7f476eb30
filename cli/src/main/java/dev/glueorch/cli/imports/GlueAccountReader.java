package dev.glueorch.cli.imports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AccessDeniedException;
import software.amazon.awssdk.services.glue.model.BatchGetJobsResponse;
import software.amazon.awssdk.services.glue.model.BatchGetTriggersResponse;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.Job;
import software.amazon.awssdk.services.glue.model.Node;
import software.amazon.awssdk.services.glue.model.NodeType;
import software.amazon.awssdk.services.glue.model.Trigger;
import software.amazon.awssdk.services.glue.model.Workflow;

/**
 * Reads the workflows and triggers of a Glue account (one Region) through the SDK's Glue client, as a
 * {@link GlueEstate} in Glue's own shapes:
 * <ul>
 *   <li>ListWorkflows (paged), or the names asked for, then GetWorkflow with IncludeGraph for each;</li>
 *   <li>ListTriggers (paged) and BatchGetTriggers for every trigger of the account: a workflow's triggers (its graph's
 *       TRIGGER nodes, and the triggers whose WorkflowName is the workflow), and those of other workflows or of none,
 *       which the mapping reports when they start the same jobs or belong to no workflow;</li>
 *   <li>BatchGetJobs for the jobs the chosen workflows' triggers start: their DefaultArguments (partition arguments),
 *       NonOverridableArguments, ExecutionProperty, Timeout and NotificationProperty.</li>
 * </ul>
 * Where GetWorkflow answers without a graph (moto's Glue does), a workflow's triggers are those whose WorkflowName
 * names it: every trigger is read anyway, so the import reads the same on both.
 */
public final class GlueAccountReader {

    /**
     * Names per BatchGetTriggers / BatchGetJobs call. Glue's API model puts no bound on these lists; batches of 100
     * keep each request and answer small.
     */
    static final int BATCH_SIZE = 100;
    /** The Job members the mapping reads; the rest (scripts, visual job graphs) can be large and is not kept. */
    private static final Set<String> JOB_MEMBERS = Set.of("Name", "DefaultArguments", "NonOverridableArguments",
            "ExecutionProperty", "Timeout", "NotificationProperty");

    private final GlueClient glue;
    private final String origin;

    /**
     * @param glue   the account's Glue, built by the caller's factory (Region, credentials, endpoint)
     * @param origin how findings name the account, e.g. {@code Glue us-east-1}
     */
    public GlueAccountReader(GlueClient glue, String origin) {
        this.glue = glue;
        this.origin = origin;
    }

    /**
     * Reads {@code workflowNames}, or every workflow of the account when empty.
     *
     * @throws ImportException a named workflow does not exist (BAD_INPUT); credentials, permissions or the network
     *                         stood in the way (FAILED)
     */
    public GlueEstate read(List<String> workflowNames) {
        List<ImportFinding> findings = new ArrayList<>();
        List<String> names = workflowNames.isEmpty()
                ? call("ListWorkflows", () -> glue.listWorkflowsPaginator(b -> { }).workflows().stream().toList())
                : List.copyOf(new LinkedHashSet<>(workflowNames));
        Map<String, Trigger> triggers = triggers();
        List<ObjectNode> workflows = new ArrayList<>();
        Set<String> startedJobs = new LinkedHashSet<>();
        for (String name : names) {
            Workflow workflow = call("GetWorkflow", () -> {
                try {
                    return glue.getWorkflow(b -> b.name(name).includeGraph(true)).workflow();
                } catch (EntityNotFoundException e) {
                    return null;
                }
            });
            if (workflow == null) {
                if (!workflowNames.isEmpty()) {
                    throw new ImportException(ImportException.Kind.BAD_INPUT, "no workflow '" + name + "' in "
                            + origin + " (names are case-sensitive; 'aws glue list-workflows' lists them)");
                }
                findings.add(new ImportFinding(ImportFinding.Kind.NEEDS_DECISION, origin + ", workflow " + name,
                        "workflow " + name, "was deleted while the import read the account; import again if it "
                        + "comes back"));
                continue;
            }
            workflows.add(workflow(workflow));
            Set<String> members = graphTriggers(workflow);
            for (Trigger trigger : triggers.values()) {
                if (name.equals(trigger.workflowName()) || members.contains(trigger.name())) {
                    trigger.actions().stream().filter(a -> a.jobName() != null)
                            .forEach(a -> startedJobs.add(a.jobName()));
                }
            }
        }
        List<ObjectNode> triggerShapes = new ArrayList<>();
        for (Trigger trigger : triggers.values()) {
            triggerShapes.add(ApiShapes.json(trigger));
        }
        return new GlueEstate(workflows, triggerShapes, jobs(startedJobs, findings), findings);
    }

    /** Every trigger of the account, by name, in ListTriggers' order. */
    private Map<String, Trigger> triggers() {
        List<String> names = call("ListTriggers", () -> glue.listTriggersPaginator(b -> { }).triggerNames().stream()
                .toList());
        Map<String, Trigger> triggers = new LinkedHashMap<>();
        for (List<String> batch : batches(names)) {
            BatchGetTriggersResponse response = call("BatchGetTriggers", () -> glue.batchGetTriggers(b -> b
                    .triggerNames(batch)));
            // a trigger deleted between the listing and the read is simply not there any more
            response.triggers().forEach(trigger -> triggers.put(trigger.name(), trigger));
        }
        Map<String, Trigger> ordered = new LinkedHashMap<>();
        names.stream().filter(triggers::containsKey).forEach(name -> ordered.put(name, triggers.get(name)));
        return ordered;
    }

    /** The jobs by name, with only the members the mapping reads; a job that is not there is a finding. */
    private Map<String, ObjectNode> jobs(Set<String> names, List<ImportFinding> findings) {
        Map<String, ObjectNode> jobs = new LinkedHashMap<>();
        for (List<String> batch : batches(List.copyOf(names))) {
            BatchGetJobsResponse response = call("BatchGetJobs", () -> glue.batchGetJobs(b -> b.jobNames(batch)));
            for (Job job : response.jobs()) {
                ObjectNode shape = ApiShapes.json(job);
                shape.retain(JOB_MEMBERS);
                jobs.put(job.name(), shape);
            }
            for (String missing : response.jobsNotFound()) {
                findings.add(new ImportFinding(ImportFinding.Kind.NEEDS_DECISION, origin + ", job " + missing,
                        "job " + missing, "a trigger starts it, but the account has no such job: the orchestrator's "
                        + "start would fail (EntityNotFoundException); create the job, or remove the action"));
            }
        }
        return jobs;
    }

    /** GetWorkflow's Workflow without its Graph and LastRun: the workflow's own members. */
    private static ObjectNode workflow(Workflow workflow) {
        ObjectNode shape = ApiShapes.json(workflow);
        shape.remove(List.of("Graph", "LastRun"));
        return shape;
    }

    private static Set<String> graphTriggers(Workflow workflow) {
        Set<String> names = new LinkedHashSet<>();
        if (workflow.graph() != null) {
            for (Node node : workflow.graph().nodes()) {
                if (node.type() == NodeType.TRIGGER && node.name() != null) {
                    names.add(node.name());
                }
            }
        }
        return names;
    }

    private static List<List<String>> batches(List<String> names) {
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < names.size(); from += BATCH_SIZE) {
            batches.add(names.subList(from, Math.min(names.size(), from + BATCH_SIZE)));
        }
        return batches;
    }

    /** One Glue call, its failures said in one line that names the operation. */
    private <T> T call(String operation, Supplier<T> request) {
        try {
            return request.get();
        } catch (AccessDeniedException e) {
            throw new ImportException(ImportException.Kind.FAILED, "access denied to glue:" + operation + " in "
                    + origin + ": the import needs glue:ListWorkflows, glue:GetWorkflow, glue:ListTriggers, "
                    + "glue:BatchGetTriggers and glue:BatchGetJobs (" + e.awsErrorDetails().errorMessage() + ")", e);
        } catch (GlueException e) {
            throw new ImportException(ImportException.Kind.FAILED, "Glue refused " + operation + " in " + origin
                    + ": " + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage()), e);
        } catch (SdkClientException e) {
            throw new ImportException(ImportException.Kind.FAILED, unreachable(e), e);
        }
    }

    private String unreachable(SdkClientException e) {
        if (String.valueOf(e.getMessage()).startsWith("Unable to load credentials")) {
            // the SDK's message lists every provider of its chain: the fix is what a user needs
            return "no AWS credentials found: set AWS_PROFILE (or run 'aws configure'), or AWS_ACCESS_KEY_ID and "
                    + "AWS_SECRET_ACCESS_KEY; against an emulator any values do";
        }
        return "could not reach " + origin + ": " + e.getMessage() + " (check the network, --region and "
                + "--endpoint-url)";
    }
}
