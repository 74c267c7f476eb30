package dev.glueorch.engine;

import java.util.List;

/** One page of a workflow's runs, newest first; {@code nextToken} is {@code null} on the last page. */
public record RunPage(List<WorkflowRun> runs, String nextToken) {

    public RunPage {
        runs = List.copyOf(runs);
    }
}
