package dev.glueorch.cli.report;

import java.time.Instant;
import java.util.List;

/** A whole report: what it covers ({@code from} to {@code to}, UTC), when it was made, and a section per workflow. */
public record Report(String title, Instant generatedAt, Instant from, Instant to, List<WorkflowReport> workflows) {

    public Report {
        workflows = List.copyOf(workflows);
    }
}
