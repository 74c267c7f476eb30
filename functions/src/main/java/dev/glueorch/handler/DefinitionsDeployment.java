package dev.glueorch.handler;

import static dev.glueorch.contract.DefinitionsDeploymentProperties.BUCKET;
import static dev.glueorch.contract.DefinitionsDeploymentProperties.KEY;
import static dev.glueorch.contract.DefinitionsDeploymentProperties.TABLE_NAME;
import static dev.glueorch.contract.DefinitionsDeploymentProperties.VERSION;

import dev.glueorch.contract.DefinitionsBundle;
import dev.glueorch.engine.DefinitionsSource;
import dev.glueorch.model.DefinitionValidator;
import dev.glueorch.model.Definitions;
import dev.glueorch.store.S3DefinitionsBundles;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys a definitions version during a CloudFormation deployment, as the custom resource's event handler (CDK's
 * provider framework reports the answer, or the exception's message as the reason of a FAILED, to CloudFormation).
 *
 * <p>Create and Update read the bundle, validate it with the one validator, check that it makes the version the
 * template names, write the version's items, and only then set the current pointer's {@code Version} (an update that
 * keeps the triggers operators deactivated). Whatever fails before that leaves the pointer where it was: handlers keep
 * running the previous version. Versions are immutable (named by their content's digest), so running it again, or a
 * rollback's Update back to the previous properties, writes the same items and moves the pointer back; runs in flight
 * keep the version they started with. Delete changes nothing: the table, its versions and run history are retained.
 */
final class DefinitionsDeployment {

    private static final Logger LOG = LoggerFactory.getLogger(DefinitionsDeployment.class);

    private final S3DefinitionsBundles bundles;
    private final Function<String, DefinitionsSource> tables;
    private final DefinitionValidator validator = new DefinitionValidator();

    /** @param tables the definitions of a table, by table name */
    DefinitionsDeployment(S3DefinitionsBundles bundles, Function<String, DefinitionsSource> tables) {
        this.bundles = bundles;
        this.tables = tables;
    }

    /**
     * @param event the provider framework's event: {@code RequestType}, {@code ResourceProperties}, and for Update
     *              and Delete {@code PhysicalResourceId}
     * @return {@code PhysicalResourceId} and {@code Data} ({@code Version}, {@code Workflows})
     * @throws IllegalArgumentException when the event or the bundle is wrong, with what to fix
     */
    Map<String, Object> handle(Map<String, Object> event) {
        String requestType = String.valueOf(event.get("RequestType"));
        Map<?, ?> properties = event.get("ResourceProperties") instanceof Map<?, ?> map ? map : Map.of();
        String table = required(properties, TABLE_NAME);
        // One physical id per table: an Update that moves the pointer is no replacement, so CloudFormation never
        // asks to delete what a previous version wrote.
        String physicalId = "definitions/" + table;
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("PhysicalResourceId", physicalId);
        switch (requestType) {
            case "Create", "Update" -> response.put("Data", deploy(table, required(properties, BUCKET),
                    required(properties, KEY), required(properties, VERSION)));
            case "Delete" -> {
                LOG.info("Definitions of table {} kept: the table and its versions outlive the stack", table);
                response.put("PhysicalResourceId", event.getOrDefault("PhysicalResourceId", physicalId));
            }
            default -> throw new IllegalArgumentException("RequestType '" + requestType + "' is not Create, Update "
                    + "or Delete: this function handles CloudFormation custom resource events only");
        }
        return response;
    }

    private Map<String, Object> deploy(String table, String bucket, String key, String version) {
        DefinitionsBundle bundle = bundles.read(bucket, key);
        String where = "s3://" + bucket + "/" + key;
        Definitions definitions = validator.validateAll(bundle.files());
        if (!definitions.version().equals(version) || !bundle.version().equals(version)) {
            throw new IllegalArgumentException("the definitions bundle " + where + " makes version "
                    + definitions.version() + " (it says " + bundle.version() + "), but the template deploys "
                    + version + ": the asset does not belong to this template; synthesize and deploy again");
        }
        tables.apply(table).publish(definitions);
        LOG.info("Definitions version {} ({} workflows) is current in table {}", version,
                definitions.workflows().size(), table);
        // Strings: CloudFormation hands Data values to Fn::GetAtt as strings.
        return Map.of(VERSION, version, "Workflows", Integer.toString(definitions.workflows().size()));
    }

    private static String required(Map<?, ?> properties, String name) {
        Object value = properties.get(name);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("custom resource property " + name + " is missing: the GlueOrchestrator "
                    + "construct sets it; deploy the template the CDK app synthesized");
        }
        return value.toString();
    }
}
