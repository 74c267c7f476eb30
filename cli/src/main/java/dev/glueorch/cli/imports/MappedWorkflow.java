package dev.glueorch.cli.imports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One workflow of the source in the project's format: {@code document} is its workflow file's content
 * ({@code {"Workflow": ..., "Triggers": [...]}}), not yet validated; {@code findings} say what did not carry as it was.
 */
public record MappedWorkflow(String name, ObjectNode document, List<ImportFinding> findings) {

    public MappedWorkflow {
        findings = List.copyOf(findings);
    }
}
