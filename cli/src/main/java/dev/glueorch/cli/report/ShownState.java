package dev.glueorch.cli.report;

import dev.glueorch.model.JobRunState;

/**
 * The state a report draws for a graph node or a run: Glue's {@code JobRunState} (crawls are kept in that
 * vocabulary), plus a job or crawler the run did not start and a trigger that did or did not fire. Each has a
 * text label and an icon besides its colour (the stylesheet's class {@code st-NAME}), so no reader depends on
 * telling colours apart.
 */
public enum ShownState {
    STARTING("starting", "▶"),
    RUNNING("running", "▶"),
    STOPPING("stopping", "■"),
    STOPPED("stopped", "■"),
    SUCCEEDED("succeeded", "✓"),
    FAILED("failed", "✗"),
    TIMEOUT("timed out", "◷"),
    ERROR("error", "!"),
    WAITING("waiting", "…"),
    NOT_RUN("not run", "○"),
    FIRED("fired", "⚡"),
    NOT_FIRED("not fired", "○");

    /** The mark of a job run reported delayed, whatever its state. */
    public static final String DELAYED_ICON = "⚑";

    private final String label;
    private final String icon;

    ShownState(String label, String icon) {
        this.label = label;
        this.icon = icon;
    }

    /** The state of a job run or crawl, under the same name. */
    public static ShownState of(JobRunState state) {
        return valueOf(state.name());
    }

    public String label() {
        return label;
    }

    public String icon() {
        return icon;
    }
}
