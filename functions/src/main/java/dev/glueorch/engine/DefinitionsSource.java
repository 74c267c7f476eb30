package dev.glueorch.engine;

import dev.glueorch.model.Definitions;
import java.util.Set;

/** Where the engine gets definitions: the current version for new runs, and any version a run started with. */
public interface DefinitionsSource {

    Definitions current();

    /**
     * @throws IllegalStateException when the version is unknown (it was never published)
     */
    Definitions version(String version);

    /** The triggers operators deactivated, read with the current pointer (so events never read them). */
    default Set<String> deactivatedTriggers() {
        return Set.of();
    }

    /** Makes {@code definitions} a new version and the current one; runs in flight keep theirs. */
    default void publish(Definitions definitions) {
        throw new UnsupportedOperationException("these definitions cannot be changed");
    }

    /** Records an operator's StartTrigger (ACTIVATED) or StopTrigger (DEACTIVATED). */
    default void setTriggerState(String trigger, TriggerState state) {
        throw new UnsupportedOperationException("these definitions keep no trigger state");
    }
}
