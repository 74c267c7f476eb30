package dev.glueorch.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Creates the table of {@link TableDesign} where no CDK stack does: DynamoDB Local in tests and the simulator.
 */
public final class TableCreator {

    private TableCreator() {
    }

    public static void create(DynamoDbClient dynamoDb, String tableName) {
        dynamoDb.createTable(b -> b.tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attribute(TableDesign.PK), attribute(TableDesign.SK),
                        attribute(TableDesign.GSI1_PK), attribute(TableDesign.GSI1_SK),
                        attribute(TableDesign.GSI2_PK), attribute(TableDesign.GSI2_SK),
                        attribute(TableDesign.GSI3_PK), attribute(TableDesign.GSI3_SK))
                .keySchema(key(TableDesign.PK, KeyType.HASH), key(TableDesign.SK, KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(TableDesign.GSI1)
                        .keySchema(key(TableDesign.GSI1_PK, KeyType.HASH), key(TableDesign.GSI1_SK, KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build(),
                    GlobalSecondaryIndex.builder().indexName(TableDesign.GSI2)
                        .keySchema(key(TableDesign.GSI2_PK, KeyType.HASH), key(TableDesign.GSI2_SK, KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build(),
                    GlobalSecondaryIndex.builder().indexName(TableDesign.GSI3)
                        .keySchema(key(TableDesign.GSI3_PK, KeyType.HASH), key(TableDesign.GSI3_SK, KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build()));
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(tableName));
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
