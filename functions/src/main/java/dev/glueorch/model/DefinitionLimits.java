package dev.glueorch.model;

import java.nio.charset.StandardCharsets;

/**
 * The sizes a definition must stay within to be deployed, stored and run: Glue's own limits on its API fields, and
 * DynamoDB's on what the orchestrator stores. {@link DefinitionValidator} checks every one of them, so a definition
 * that passes {@code glueorch validate} is one the synth, the table and the runtime accept. (The counts Glue puts
 * on a trigger stay beside the types they bound: {@link Trigger#MAX_ACTIONS}, {@link Predicate#MAX_CONDITIONS}.)
 */
public final class DefinitionLimits {

    /**
     * Glue's names (workflow, trigger, job, crawler, security configuration) and run property keys: UTF-8 strings
     * of 1 to 255 bytes matching Glue's single-line string pattern. It also keeps every key the orchestrator builds
     * from a name (e.g. {@code VERSION#<version>#WORKFLOW#<name>}) far below DynamoDB's 1,024-byte sort key.
     */
    public static final int MAX_NAME_BYTES = 255;

    /** Glue's {@code DescriptionString} of jobs and triggers: at most 2,048 bytes in UTF-8. */
    public static final int MAX_DESCRIPTION_BYTES = 2_048;

    /**
     * Glue's CreateWorkflow {@code Description}: at most 120,000 characters, as Glue takes it (a workflow ported from
     * Glue keeps its description); its bytes also count in the stored item ({@link #MAX_ITEM_BYTES}).
     */
    public static final int MAX_WORKFLOW_DESCRIPTION_CHARACTERS = 120_000;

    /**
     * DynamoDB's item size limit, 400 KB, counting the UTF-8 bytes of every attribute name and value. A workflow
     * file is stored as one item of each definitions version ({@link DefinitionItem}).
     */
    public static final int MAX_ITEM_BYTES = 400 * 1_024;

    /** DynamoDB's limit on the length of any expression string (update, condition, key condition): 4 KB. */
    public static final int MAX_EXPRESSION_BYTES = 4_096;

    /**
     * Run properties a run may have: DefaultRunProperties plus the partition properties ({@code day_partition_value},
     * {@code hour_partition_value}). PutWorkflowRunProperties stores them with one UpdateItem whose expression
     * holds one SET path per property, every name and value through a placeholder:
     * {@code SET #n0.#n1 = :v0, #n0.#n2 = :v1, ...}. A property costs 13 to 19 bytes of it (its placeholders grow
     * with their index), so 226 properties make a 4,078-byte expression and 227 would exceed
     * {@link #MAX_EXPRESSION_BYTES}, whatever the names and values. {@code RunPropertiesExpressionTest} (store)
     * measures the expression the store builds at this figure and one above it.
     */
    public static final int MAX_RUN_PROPERTIES = 226;

    /**
     * EventBridge's limit on a rule's event pattern: 2,048 characters. An EVENT trigger's {@code EventPattern}
     * becomes one rule's pattern as its compact JSON.
     */
    public static final int MAX_EVENT_PATTERN_CHARACTERS = 2_048;

    private DefinitionLimits() {
    }

    /** The size DynamoDB and Glue count for a string: its UTF-8 bytes. */
    public static int utf8Bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
