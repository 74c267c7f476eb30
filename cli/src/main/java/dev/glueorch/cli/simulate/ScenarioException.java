package dev.glueorch.cli.simulate;

import java.util.List;

/** A scenario file was refused; the message lists every error with the file and field. */
public final class ScenarioException extends RuntimeException {

    public ScenarioException(List<String> errors) {
        super(String.join("\n", errors));
    }
}
