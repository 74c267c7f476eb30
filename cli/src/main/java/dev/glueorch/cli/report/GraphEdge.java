package dev.glueorch.cli.report;

/**
 * An edge of Glue's {@code Graph}, by node {@code UniqueId}s; {@code label} names the states a condition waits for
 * on an edge into a CONDITIONAL trigger, and is {@code null} on an edge from a trigger to what it starts.
 */
public record GraphEdge(String sourceId, String destinationId, String label) {
}
