package dev.glueorch.model;

import java.util.List;

/**
 * A CONDITIONAL trigger's predicate. {@code logical} is {@link Logical#AND} when the definition has a single
 * condition and no {@code Logical} (both readings agree then).
 */
public record Predicate(Logical logical, List<Condition> conditions) {

    /** Glue's limit on conditions per predicate. */
    public static final int MAX_CONDITIONS = 500;

    public Predicate {
        conditions = List.copyOf(conditions);
    }
}
