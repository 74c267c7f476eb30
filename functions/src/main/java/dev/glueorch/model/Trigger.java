package dev.glueorch.model;

import java.util.List;

/**
 * A Glue trigger. Each type carries only what it can have: a schedule, a predicate, or neither, so a
 * SCHEDULED trigger without a schedule cannot be built.
 */
public sealed interface Trigger permits Trigger.Scheduled, Trigger.Conditional, Trigger.OnDemand,
        Trigger.Event {

    /**
     * Glue's limit on actions per trigger (its default quota "Max jobs per trigger"). It also bounds the one
     * UpdateItem that claims a trigger, which sets every action: its expression must stay under DynamoDB's 4 KB
     * (names go in placeholders, so it grows with the count only: 869 bytes for 50, over 4 KB from 225).
     */
    int MAX_ACTIONS = 50;

    String name();

    String workflowName();

    String description();

    List<Action> actions();

    TriggerType type();

    /**
     * A time-based trigger. {@code maxCatchUpRuns} (extension) bounds how many slots missed while nothing ran
     * are started on the next tick, newest first.
     */
    record Scheduled(String name, String workflowName, String description, Schedule schedule, List<Action> actions,
                     int maxCatchUpRuns) implements Trigger {
        /** Slots missed beyond this many are skipped unless the definition says otherwise. */
        public static final int DEFAULT_MAX_CATCH_UP_RUNS = 3;

        public Scheduled {
            actions = List.copyOf(actions);
        }

        @Override
        public TriggerType type() {
            return TriggerType.SCHEDULED;
        }
    }

    /** A trigger that fires when its predicate over the workflow run's job runs and crawls is satisfied. */
    record Conditional(String name, String workflowName, String description, Predicate predicate,
                       List<Action> actions) implements Trigger {
        public Conditional {
            actions = List.copyOf(actions);
        }

        @Override
        public TriggerType type() {
            return TriggerType.CONDITIONAL;
        }
    }

    /** A trigger that fires when an operator starts a workflow run. */
    record OnDemand(String name, String workflowName, String description, List<Action> actions)
            implements Trigger {
        public OnDemand {
            actions = List.copyOf(actions);
        }

        @Override
        public TriggerType type() {
            return TriggerType.ON_DEMAND;
        }
    }

    /**
     * A trigger that starts a run from a batch of EventBridge events (Glue's EVENT type). {@code eventPattern}
     * (extension: the compact JSON of an EventBridge event pattern) selects the events on {@code eventBusName}
     * ({@code null}: the account's default bus); {@code partitionFrom} (extension, {@code null} when absent) batches
     * them per partition of a partitioned workflow.
     */
    record Event(String name, String workflowName, String description, EventBatching batching, String eventPattern,
                 String eventBusName, PartitionFrom partitionFrom, List<Action> actions) implements Trigger {
        public Event {
            actions = List.copyOf(actions);
        }

        @Override
        public TriggerType type() {
            return TriggerType.EVENT;
        }
    }
}
