package dev.glueorch.engine;

import dev.glueorch.model.WorkflowDefinition;

/**
 * What an operation looks up first, a deployed workflow or a run of one, refused as NOT_FOUND with how to list what
 * there is: {@link WorkflowOperations} and {@link PartitionOperations} refuse an unknown name in the same words.
 */
final class DeployedWorkflows {

    private final DefinitionsSource definitions;
    private final WorkflowRunStore store;

    DeployedWorkflows(DefinitionsSource definitions, WorkflowRunStore store) {
        this.definitions = definitions;
        this.store = store;
    }

    /** The workflow {@code name} of the current definitions. */
    WorkflowDefinition workflow(String name) {
        return definitions.current().workflow(name).orElseThrow(() -> new OperationException(
                OperationException.Kind.NOT_FOUND, "no workflow named " + name + " is deployed; list them with "
                + "'workflows list'"));
    }

    /** Run {@code runId} of the deployed workflow {@code workflowName}. */
    WorkflowRun run(String workflowName, String runId) {
        workflow(workflowName);
        return store.run(workflowName, runId).orElseThrow(() -> new OperationException(
                OperationException.Kind.NOT_FOUND, "workflow " + workflowName + " has no run " + runId
                + "; list its runs with 'runs list " + workflowName + "'"));
    }
}
