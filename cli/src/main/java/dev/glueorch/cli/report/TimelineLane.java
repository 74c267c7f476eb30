package dev.glueorch.cli.report;

import dev.glueorch.model.NodeId;

/** A row of the timeline: the runs of one job or crawler. */
public record TimelineLane(NodeId node) {
}
