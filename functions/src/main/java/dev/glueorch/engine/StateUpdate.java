package dev.glueorch.engine;

import dev.glueorch.model.JobRunState;
import java.time.Instant;

/** A state an action reached, when, and Glue's message if it failed. */
public record StateUpdate(JobRunState state, Instant at, String errorMessage) {
}
