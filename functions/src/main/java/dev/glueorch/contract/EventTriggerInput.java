package dev.glueorch.contract;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * What an EVENT trigger's EventBridge rule hands the Glue-event function, agreed by the stack (which writes the
 * rule's input transformer) and the function's parser (which reads it). The stack creates one rule per EVENT
 * trigger, and its target's input is {@link #inputTemplate}: the workflow and trigger the rule belongs to, and the
 * whole original event, so one function serves every EVENT trigger and knows which one matched without matching
 * the pattern again.
 *
 * <pre>{"glueorch": "EventTrigger", "workflow": "sales", "trigger": "on-drop", "event": {...the event...}}</pre>
 */
public final class EventTriggerInput {

    /** The field that marks the envelope, and its value. */
    public static final String ENVELOPE_FIELD = "glueorch";
    public static final String ENVELOPE = "EventTrigger";
    public static final String WORKFLOW_FIELD = "workflow";
    public static final String TRIGGER_FIELD = "trigger";
    public static final String EVENT_FIELD = "event";
    /**
     * EventBridge's predefined input-transformer variable for the whole original event as JSON, {@code detail}
     * included ({@code aws.events.event} would leave {@code detail} out). Its content is not escaped, so it can only
     * be a JSON field's value.
     */
    public static final String EVENT_VARIABLE = "aws.events.event.json";

    private EventTriggerInput() {
    }

    /**
     * The input template of the rule of {@code trigger} of {@code workflow}. Names are JSON string literals with
     * {@code <} and {@code >} written as {@code \u003c} / {@code \u003e}: EventBridge would read {@code <...>} in the
     * template as a variable, and a Glue name may hold them.
     */
    public static String inputTemplate(String workflow, String trigger) {
        return "{\"" + ENVELOPE_FIELD + "\": \"" + ENVELOPE + "\", \"" + WORKFLOW_FIELD + "\": " + literal(workflow)
                + ", \"" + TRIGGER_FIELD + "\": " + literal(trigger) + ", \"" + EVENT_FIELD + "\": <" + EVENT_VARIABLE
                + ">}";
    }

    private static String literal(String text) {
        String escaped = new String(JsonStringEncoder.getInstance().quoteAsString(text));
        return "\"" + escaped.replace("<", "\\u003c").replace(">", "\\u003e") + "\"";
    }
}
