package dev.glueorch.model;

import java.util.List;
import java.util.stream.Collectors;

/** Definitions were refused; {@link #errors()} lists every reason, each naming file, object and field. */
public final class DefinitionException extends RuntimeException {

    private final List<DefinitionError> errors;

    public DefinitionException(List<DefinitionError> errors) {
        this("", errors);
    }

    /**
     * The same errors, with what was refused said first: e.g. which stored definitions version the functions could
     * not take.
     */
    public DefinitionException(String refused, List<DefinitionError> errors) {
        super((refused.isEmpty() ? "" : refused + ": ") + errors.size() + " definition error(s):\n"
                + errors.stream().map(DefinitionError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<DefinitionError> errors() {
        return errors;
    }
}
