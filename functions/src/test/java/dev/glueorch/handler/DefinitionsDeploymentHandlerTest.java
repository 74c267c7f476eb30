package dev.glueorch.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.clients.AwsClients;
import dev.glueorch.contract.DefinitionsBundle;
import dev.glueorch.contract.DefinitionsDeploymentProperties;
import dev.glueorch.engine.TriggerState;
import dev.glueorch.model.DefinitionException;
import dev.glueorch.model.Definitions;
import dev.glueorch.store.DefinitionItems;
import dev.glueorch.store.DynamoDbDefinitionsSource;
import dev.glueorch.testing.DynamoDbLocal;
import dev.glueorch.testing.FakeContext;
import dev.glueorch.testing.GeneratedDefinitions;
import dev.glueorch.testing.MotoServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The custom resource's handler against moto's S3 (the asset bucket) and DynamoDB Local (the table), through the
 * functions' own client factory, as the deployed function runs it.
 */
class DefinitionsDeploymentHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MotoServer moto = MotoServer.shared();
    private final DynamoDbClient dynamoDb = DynamoDbLocal.client();
    private AwsClients clients;
    private S3Client s3;
    private String bucket;
    private String table;
    private DefinitionsDeploymentHandler handler;

    @BeforeEach
    void setUp() {
        clients = AwsClients.create(Region.US_EAST_1, Map.of(
                "AWS_ENDPOINT_URL_S3", moto.endpoint().toString(),
                "AWS_ENDPOINT_URL_DYNAMODB", DynamoDbLocal.endpoint().toString()));
        s3 = clients.s3();
        bucket = "cdk-assets-" + UUID.randomUUID();
        s3.createBucket(b -> b.bucket(bucket));
        table = DynamoDbLocal.newTable(dynamoDb);
        handler = new DefinitionsDeploymentHandler(DefinitionsDeploymentHandler.create(clients));
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    @Test
    void create_shouldWriteEveryWorkflowOfTheVersionAndPointAtIt() throws IOException {
        // GIVEN 120 workflows uploaded as the bundle asset
        Definitions definitions = GeneratedDefinitions.scheduled(120, 10);
        String key = upload(definitions);

        // WHEN CloudFormation creates the custom resource
        Map<String, Object> response = invoke(event("Create", key, definitions.version()));

        // THEN every workflow is an item of the version, the pointer names it, and the handlers read it back whole
        assertThat(versionItems(definitions.version())).hasSize(120);
        assertThat(pointer().get(DefinitionItems.VERSION).s()).isEqualTo(definitions.version());
        assertThat(source().current().workflows().keySet())
                .containsExactlyElementsOf(definitions.workflows().keySet());
        assertThat(response).containsEntry("PhysicalResourceId", "definitions/" + table)
                .containsEntry("Data", Map.of("Version", definitions.version(), "Workflows", "120"));
    }

    @Test
    void update_shouldMoveThePointerKeepDeactivatedTriggersAndThePreviousVersion() throws IOException {
        // GIVEN a deployed version, a trigger an operator deactivated, and a new version uploaded
        Definitions first = GeneratedDefinitions.scheduled(3, 1);
        invoke(event("Create", upload(first), first.version()));
        source().setTriggerState("scheduled-0-start", TriggerState.DEACTIVATED);
        Definitions second = GeneratedDefinitions.scheduled(4, 2);

        // WHEN the stack is updated to it
        invoke(event("Update", upload(second), second.version()));

        // THEN new runs get the new version, the trigger stays deactivated, and runs in flight still find theirs
        DynamoDbDefinitionsSource source = source();
        assertThat(source.current().version()).isEqualTo(second.version());
        assertThat(source.deactivatedTriggers()).containsExactly("scheduled-0-start");
        assertThat(source.version(first.version()).workflows()).hasSize(3);
    }

    @Test
    void create_shouldBeIdempotentWhenCloudFormationRetries() throws IOException {
        // GIVEN a version deployed once
        Definitions definitions = GeneratedDefinitions.scheduled(30, 3);
        String key = upload(definitions);
        invoke(event("Create", key, definitions.version()));

        // WHEN the same event arrives again
        invoke(event("Create", key, definitions.version()));

        // THEN the version still has exactly its items and is current
        assertThat(versionItems(definitions.version())).hasSize(30);
        assertThat(pointer().get(DefinitionItems.VERSION).s()).isEqualTo(definitions.version());
    }

    @Test
    void invalidBundle_shouldFailWithTheDefinitionErrorAndLeaveThePointer() throws IOException {
        // GIVEN a deployed version, and a bundle whose workflow names a trigger type Glue does not have
        Definitions deployed = GeneratedDefinitions.scheduled(2, 1);
        invoke(event("Create", upload(deployed), deployed.version()));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("workflows/broken.json", """
                {"Workflow": {"Name": "broken"},
                 "Triggers": [{"Name": "broken-start", "Type": "SOMETIMES", "Actions": [{"JobName": "j"}]}]}""");
        String key = put(new DefinitionsBundle("v-broken", files).toBytes());

        // WHEN the update runs
        // THEN it fails with the file, field and reason (CloudFormation's FAILED reason), and nothing moved
        assertThatThrownBy(() -> invoke(event("Update", key, "v-broken")))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("workflows/broken.json")
                .hasMessageContaining("Type");
        assertThat(pointer().get(DefinitionItems.VERSION).s()).isEqualTo(deployed.version());
    }

    @Test
    void bundleOfAnotherVersion_shouldFailNamingBothVersionsAndLeaveThePointer() throws IOException {
        // GIVEN a deployed version, and a template that names a version the uploaded bundle does not make
        Definitions deployed = GeneratedDefinitions.scheduled(2, 1);
        invoke(event("Create", upload(deployed), deployed.version()));
        Definitions other = GeneratedDefinitions.scheduled(5, 1);
        String key = upload(other);

        // WHEN / THEN the update is refused before anything is written
        assertThatThrownBy(() -> invoke(event("Update", key, "0123abcd")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(other.version()).hasMessageContaining("0123abcd");
        assertThat(pointer().get(DefinitionItems.VERSION).s()).isEqualTo(deployed.version());
        assertThat(versionItems(other.version())).isEmpty();
    }

    @Test
    void missingAsset_shouldFailSayingTheAssetWasNotPublished() {
        // GIVEN no object under the key
        // WHEN / THEN the create fails with the object's address and the fix
        assertThatThrownBy(() -> invoke(event("Create", "missing.json", "v1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("s3://" + bucket + "/missing.json")
                .hasMessageContaining("cdk deploy");
    }

    @Test
    void delete_shouldKeepTheVersionsAndThePointer() throws IOException {
        // GIVEN a deployed version
        Definitions definitions = GeneratedDefinitions.scheduled(2, 1);
        String key = upload(definitions);
        invoke(event("Create", key, definitions.version()));
        Map<String, Object> delete = new LinkedHashMap<>(event("Delete", key, definitions.version()));
        delete.put("PhysicalResourceId", "definitions/" + table);

        // WHEN the stack is deleted
        Map<String, Object> response = invoke(delete);

        // THEN the retained table still holds them, under the same physical id
        assertThat(response).containsEntry("PhysicalResourceId", "definitions/" + table);
        assertThat(versionItems(definitions.version())).hasSize(2);
        assertThat(pointer().get(DefinitionItems.VERSION).s()).isEqualTo(definitions.version());
    }

    private String upload(Definitions definitions) {
        return put(DefinitionsBundle.of(definitions).toBytes());
    }

    private String put(byte[] bundle) {
        String key = "asset." + UUID.randomUUID() + ".json";
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bundle));
        return key;
    }

    private Map<String, Object> event(String requestType, String key, String version) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("RequestType", requestType);
        event.put("LogicalResourceId", "Definitions");
        event.put("ResourceType", "Custom::GlueOrchestratorDefinitionsDeployment");
        event.put("ResourceProperties", Map.of(
                "ServiceToken", "arn:aws:lambda:us-east-1:123456789012:function:provider",
                DefinitionsDeploymentProperties.TABLE_NAME, table,
                DefinitionsDeploymentProperties.BUCKET, bucket,
                DefinitionsDeploymentProperties.KEY, key,
                DefinitionsDeploymentProperties.VERSION, version));
        return event;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> invoke(Map<String, Object> event) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), output, new FakeContext("glue-orchestrator-definitions"));
        return JSON.readValue(output.toString(StandardCharsets.UTF_8), Map.class);
    }

    private List<Map<String, AttributeValue>> versionItems(String version) {
        return dynamoDb.query(QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(DefinitionItems.PARTITION),
                        ":prefix", AttributeValue.fromS(DefinitionItems.versionPrefix(version))))
                .build()).items();
    }

    private Map<String, AttributeValue> pointer() {
        return dynamoDb.getItem(b -> b.tableName(table).consistentRead(true).key(Map.of(
                DefinitionItems.PK, AttributeValue.fromS(DefinitionItems.PARTITION),
                DefinitionItems.SK, AttributeValue.fromS(DefinitionItems.CURRENT)))).item();
    }

    private DynamoDbDefinitionsSource source() {
        return new DynamoDbDefinitionsSource(dynamoDb, table, Clock.systemUTC(), Duration.ZERO);
    }
}
