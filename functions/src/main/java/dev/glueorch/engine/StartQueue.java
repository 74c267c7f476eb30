package dev.glueorch.engine;

import java.util.List;

/**
 * Where the schedule tick hands the due slots, for parallel workers to start them at Glue's pace (an SQS queue
 * consumed by a function of bounded concurrency). Delivery is at least once: a slot may reach the workers twice,
 * which the run's and the trigger's claims make harmless; it must never be dropped once {@link #send} said it was
 * taken, because the tick then moves the trigger's schedule cursor past it.
 */
public interface StartQueue {

    /**
     * Hands {@code slots} over durably.
     *
     * @return the slots that could not be handed over (empty when all were): their triggers' cursors stay where they
     *         are, so the next tick hands them over again
     */
    List<DueSlot> send(List<DueSlot> slots);
}
