package dev.glueorch.store;

import dev.glueorch.engine.DefinitionsSource;
import dev.glueorch.engine.TriggerState;
import dev.glueorch.model.DefinitionException;
import dev.glueorch.model.DefinitionValidator;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.WorkflowDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Definitions kept in the table as immutable versions plus a current pointer ({@link DefinitionItems}). Versions
 * never change, so each is read once per process; the pointer is re-read at most every {@code refresh}, so events
 * never cost a definitions read. Every version written or read is validated again by the one
 * {@link DefinitionValidator}: nothing it refuses is stored, and a stored version this code's validator refuses (one
 * written by an older release, or by hand) is refused with its version and table named, not run half-understood.
 */
public final class DynamoDbDefinitionsSource implements DefinitionsSource {

    private static final int BATCH_WRITE_LIMIT = 25;
    private static final String DEACTIVATED = "DeactivatedTriggers";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Clock clock;
    private final Duration refresh;
    private final Map<String, Definitions> versions = new ConcurrentHashMap<>();
    private volatile String currentVersion;
    private volatile Set<String> deactivated = Set.of();
    private volatile Instant currentReadAt = Instant.MIN;

    public DynamoDbDefinitionsSource(DynamoDbClient dynamoDb, String tableName, Clock clock, Duration refresh) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.clock = clock;
        this.refresh = refresh;
    }

    /**
     * Writes {@code definitions} as a new version, then points new runs at it.
     *
     * @throws DefinitionException before anything is written, when the validator refuses a workflow (e.g. one
     *                             whose item would exceed DynamoDB's 400 KB, which DynamoDB would refuse halfway
     *                             through the version's writes)
     */
    @Override
    public void publish(Definitions definitions) {
        Map<String, String> files = new LinkedHashMap<>();
        for (WorkflowDefinition workflow : definitions.workflows().values()) {
            files.put(workflow.source(), workflow.json());
        }
        validate(files, "definitions version " + definitions.version() + " is not published to table " + tableName);
        List<WriteRequest> writes = new ArrayList<>();
        for (Map<String, String> item : DefinitionItems.versionItems(definitions)) {
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(attributes(item)).build()).build());
        }
        for (int from = 0; from < writes.size(); from += BATCH_WRITE_LIMIT) {
            Map<String, List<WriteRequest>> request = Map.of(tableName,
                    writes.subList(from, Math.min(writes.size(), from + BATCH_WRITE_LIMIT)));
            while (!request.isEmpty()) {
                Map<String, List<WriteRequest>> pending = request;
                Map<String, List<WriteRequest>> unprocessed = dynamoDb.batchWriteItem(b -> b.requestItems(pending))
                        .unprocessedItems();
                request = unprocessed == null ? Map.of() : unprocessed;
            }
        }
        // only the Version changes: the triggers operators deactivated, kept on the same item, stay so
        dynamoDb.updateItem(b -> b.tableName(tableName).key(key(DefinitionItems.CURRENT))
                .updateExpression("SET #version = :version")
                .expressionAttributeNames(Map.of("#version", DefinitionItems.VERSION))
                .expressionAttributeValues(Map.of(":version", AttributeValue.fromS(definitions.version()))));
        versions.put(definitions.version(), definitions);
        currentVersion = definitions.version();
        currentReadAt = clock.instant();
    }

    @Override
    public Definitions current() {
        Instant now = clock.instant();
        if (currentVersion == null || now.isAfter(currentReadAt.plus(refresh))) {
            Map<String, AttributeValue> pointer = dynamoDb.getItem(b -> b.tableName(tableName).consistentRead(true)
                    .key(key(DefinitionItems.CURRENT))).item();
            if (pointer == null || pointer.isEmpty()) {
                throw new IllegalStateException("table " + tableName + " holds no definitions: deploy the stack (it "
                        + "writes them) or publish them with glueorch");
            }
            currentVersion = pointer.get(DefinitionItems.VERSION).s();
            deactivated = pointer.containsKey(DEACTIVATED) ? Set.copyOf(pointer.get(DEACTIVATED).ss()) : Set.of();
            currentReadAt = now;
        }
        return version(currentVersion);
    }

    @Override
    public Set<String> deactivatedTriggers() {
        current();
        return deactivated;
    }

    /**
     * Records an operator's StartTrigger / StopTrigger on the current pointer item, which handlers re-read at most
     * every refresh period: the change takes effect within it, with no read per event.
     */
    @Override
    public void setTriggerState(String trigger, TriggerState state) {
        String action = state == TriggerState.DEACTIVATED ? "ADD" : "DELETE";
        dynamoDb.updateItem(b -> b.tableName(tableName).key(key(DefinitionItems.CURRENT))
                .updateExpression(action + " #deactivated :trigger")
                .conditionExpression("attribute_exists(PK)")
                .expressionAttributeNames(Map.of("#deactivated", DEACTIVATED))
                .expressionAttributeValues(Map.of(":trigger", AttributeValue.fromSs(List.of(trigger)))));
        currentReadAt = Instant.MIN;
    }

    @Override
    public Definitions version(String version) {
        return versions.computeIfAbsent(version, this::read);
    }

    private Definitions read(String version) {
        Map<String, String> files = new LinkedHashMap<>();
        QueryRequest.Builder query = QueryRequest.builder().tableName(tableName).consistentRead(true)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(DefinitionItems.PARTITION),
                        ":prefix", AttributeValue.fromS(DefinitionItems.versionPrefix(version))));
        QueryResponse page;
        do {
            page = dynamoDb.query(query.build());
            for (Map<String, AttributeValue> item : page.items()) {
                files.put(item.get(DefinitionItems.SOURCE).s(), item.get(DefinitionItems.DEFINITION).s());
            }
            query.exclusiveStartKey(page.lastEvaluatedKey());
        } while (page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty());
        if (files.isEmpty()) {
            throw new IllegalStateException("definitions version " + version + " is not in table " + tableName);
        }
        return validate(files, "definitions version " + version + " in table " + tableName + " is refused; deploy "
                + "definitions that pass 'glueorch validate'");
    }

    private static Definitions validate(Map<String, String> files, String refused) {
        try {
            return new DefinitionValidator().validateAll(files);
        } catch (DefinitionException e) {
            throw new DefinitionException(refused, e.errors());
        }
    }

    private static Map<String, AttributeValue> key(String sortKey) {
        return Map.of(DefinitionItems.PK, AttributeValue.fromS(DefinitionItems.PARTITION),
                DefinitionItems.SK, AttributeValue.fromS(sortKey));
    }

    private static Map<String, AttributeValue> attributes(Map<String, String> item) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        item.forEach((name, value) -> attributes.put(name, AttributeValue.fromS(value)));
        return attributes;
    }
}
