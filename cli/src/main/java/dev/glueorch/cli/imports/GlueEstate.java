package dev.glueorch.cli.imports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * What an import read from its source (a Glue account, a CloudFormation template), in the shapes of Glue's API, so
 * that one mapping turns either into definition files: {@code workflows} as GetWorkflow's {@code Workflow}
 * ({@code Name}, {@code Description}, {@code DefaultRunProperties}, {@code MaxConcurrentRuns}), {@code triggers} as
 * BatchGetTriggers' {@code Trigger} (with {@code WorkflowName} when it belongs to one), {@code jobs} by name as
 * GetJob's {@code Job} (only the fields the mapping reads: {@code DefaultArguments}, {@code NotificationProperty},
 * {@code Timeout}), and what the reading itself could not carry ({@code findings}: an intrinsic function left
 * unresolved, a resource of an unknown shape).
 */
public record GlueEstate(List<ObjectNode> workflows, List<ObjectNode> triggers, Map<String, ObjectNode> jobs,
                         List<ImportFinding> findings) {

    public GlueEstate {
        workflows = List.copyOf(workflows);
        triggers = List.copyOf(triggers);
        jobs = Map.copyOf(jobs);
        findings = List.copyOf(findings);
    }
}
