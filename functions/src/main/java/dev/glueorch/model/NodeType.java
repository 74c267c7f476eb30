package dev.glueorch.model;

/** The kinds of node in a workflow graph, as Glue's {@code Graph} names them. */
public enum NodeType {
    TRIGGER, JOB, CRAWLER
}
