package dev.glueorch.contract;

/**
 * The properties of the custom resource that deploys a definitions version, which the CDK construct sets and the
 * definitions deployment function reads.
 */
public final class DefinitionsDeploymentProperties {

    /** The orchestrator's table, which receives the version items and the current pointer. */
    public static final String TABLE_NAME = "TableName";
    /** Where the {@link DefinitionsBundle} asset is. */
    public static final String BUCKET = "Bucket";
    public static final String KEY = "Key";
    /** The version the bundle must make: the template names it, so a changed bundle is refused. */
    public static final String VERSION = "Version";

    private DefinitionsDeploymentProperties() {
    }
}
