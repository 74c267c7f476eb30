package dev.glueorch.cli.imports;

import java.util.List;

/**
 * What a mapping made of a source: a {@link MappedWorkflow} per workflow, and the findings that belong to no one
 * workflow (the source's own, and triggers of no workflow).
 */
public record ImportPlan(List<MappedWorkflow> workflows, List<ImportFinding> findings) {

    public ImportPlan {
        workflows = List.copyOf(workflows);
        findings = List.copyOf(findings);
    }
}
