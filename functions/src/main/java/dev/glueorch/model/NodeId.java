package dev.glueorch.model;

/**
 * A node of a workflow's graph ({@code Graph.Nodes[].UniqueId}): {@code TRIGGER:name}, {@code JOB:name},
 * {@code CRAWLER:name}, or {@code JOB:account:name} for another account's job a condition watches. Unique within
 * the workflow and stable, readable where Glue's are opaque.
 */
public record NodeId(NodeType type, String account, String name) {

    public static NodeId of(NodeType type, String name) {
        return new NodeId(type, null, name);
    }

    /**
     * @throws IllegalArgumentException naming the expected form
     */
    public static NodeId parse(String id) {
        String[] parts = id.split(":", 3);
        try {
            NodeType type = NodeType.valueOf(parts[0]);
            if (parts.length == 2) {
                return new NodeId(type, null, parts[1]);
            }
            if (parts.length == 3) {
                return new NodeId(type, parts[1], parts[2]);
            }
        } catch (IllegalArgumentException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("'" + id + "' is not a node id; write TRIGGER:name, JOB:name or "
                + "CRAWLER:name, as Graph.Nodes[].UniqueId shows them");
    }

    @Override
    public String toString() {
        return account == null ? type + ":" + name : type + ":" + account + ":" + name;
    }
}
