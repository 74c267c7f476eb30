package dev.glueorch.engine;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** Where each SCHEDULED trigger's slots stand: the last one started, and the last one checked for lateness. */
public interface ScheduleCursors {

    /** The last schedule slot each trigger processed for {@code cursor}; triggers never processed are absent. */
    Map<String, Instant> scheduleCursors(ScheduleCursor cursor, Collection<String> triggerNames);

    /** Records that {@code triggerName}'s slots up to {@code slot} are processed; never moves backwards. */
    void advanceScheduleCursor(ScheduleCursor cursor, String triggerName, Instant slot);
}
