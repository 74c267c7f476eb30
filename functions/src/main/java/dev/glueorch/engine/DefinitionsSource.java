package dev.glueorch.engine;

import dev.glueorch.model.Definitions;

/** Where the engine gets definitions: the current version for new runs, and any version a run started with. */
public interface DefinitionsSource {

    Definitions current();

    /**
     * @throws IllegalStateException when the version is unknown (it was never published)
     */
    Definitions version(String version);
}
