package dev.glueorch.cli.imports;

import java.nio.file.Path;
import java.util.Map;

/**
 * Placeholder so that {@code import --from-cloudformation} compiles on this branch: the reader of CloudFormation
 * templates is written separately and replaces this class whole.
 */
public final class CloudFormationReader {

    /** Reads {@code template} with {@code parameters}; not yet here. */
    public GlueEstate read(Path template, Map<String, String> parameters) {
        throw new UnsupportedOperationException("not yet");
    }
}
