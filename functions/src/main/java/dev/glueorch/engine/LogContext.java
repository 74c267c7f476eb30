package dev.glueorch.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Puts the keys of what is being handled (workflow, run, trigger, job run) on every log line written inside a
 * try-with-resources block, and restores the previous values when it closes. Powertools logging writes MDC
 * entries as JSON fields.
 */
public final class LogContext implements AutoCloseable {

    public static final String WORKFLOW = "workflow";
    public static final String WORKFLOW_RUN_ID = "workflowRunId";
    public static final String TRIGGER = "trigger";
    public static final String JOB_RUN_ID = "jobRunId";
    public static final String EVENT_ID = "eventId";

    private final Map<String, String> previous = new LinkedHashMap<>();

    private LogContext() {
    }

    /** Sets {@code key=value} (a {@code null} value removes the key) until the returned context closes. */
    public static LogContext with(String key, String value) {
        return new LogContext().and(key, value);
    }

    public LogContext and(String key, String value) {
        if (!previous.containsKey(key)) {
            previous.put(key, MDC.get(key));
        }
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
        return this;
    }

    /** The workflow and run keys of {@code action}. */
    public static LogContext of(ActionRef action) {
        return with(WORKFLOW, action.workflowName()).and(WORKFLOW_RUN_ID, action.workflowRunId());
    }

    @Override
    public void close() {
        previous.forEach((key, value) -> {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
    }
}
