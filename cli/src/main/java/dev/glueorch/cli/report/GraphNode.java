package dev.glueorch.cli.report;

import dev.glueorch.model.NodeId;

/**
 * A node of the drawn graph: its id in Glue's {@code Graph} ({@code UniqueId}), what to say under its name (a
 * trigger's schedule or AND / ANY), and where the layered layout put it: its column ({@code layer}, its depth in
 * the graph) and its place in that column.
 */
public record GraphNode(NodeId id, String detail, int layer, int position) {
}
