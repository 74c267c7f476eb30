package dev.glueorch.cli.report;

import dev.glueorch.cli.output.PartitionStateText;
import dev.glueorch.engine.PartitionState;
import dev.glueorch.model.JobRunState;

/**
 * The state a report draws for a graph node, a run or a partition: Glue's {@code JobRunState} (crawls are kept in
 * that vocabulary), plus a job or crawler the run did not start, a trigger that did or did not fire, and the
 * {@link PartitionState}s a job run has no name for (under the words {@code glueorch partitions} uses). Each has a
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
    NOT_FIRED("not fired", "○"),
    QUEUED(PartitionState.QUEUED, "≡"),
    MISSING(PartitionState.MISSING, "?"),
    NOT_DUE(PartitionState.NOT_DUE, "◌");

    /** The mark of a job run reported delayed, whatever its state. */
    public static final String DELAYED_ICON = "⚑";

    private final String label;
    private final String icon;

    ShownState(String label, String icon) {
        this.label = label;
        this.icon = icon;
    }

    ShownState(PartitionState state, String icon) {
        this(PartitionStateText.word(state), icon);
    }

    /** The state of a job run or crawl, under the same name. */
    public static ShownState of(JobRunState state) {
        return valueOf(state.name());
    }

    /** The state of a partition, under the same name: a partition SUCCEEDED, FAILED, ... as a job run does. */
    public static ShownState of(PartitionState state) {
        return valueOf(state.name());
    }

    public String label() {
        return label;
    }

    public String icon() {
        return icon;
    }
}
