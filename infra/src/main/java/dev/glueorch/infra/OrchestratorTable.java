package dev.glueorch.infra;

import dev.glueorch.store.TableDesign;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.constructs.Construct;

/**
 * The single table: definitions, workflow runs and statistics, job-run correlation, claims, outbox. Its table is the
 * construct's default child ({@code Default}), so the table keeps the logical ID it had before the orchestrator was
 * split into parts: a new logical ID would make CloudFormation create a second table and orphan the retained one.
 */
public final class OrchestratorTable extends Construct {

    private final Table table;

    OrchestratorTable(Construct scope, String id, String tableName) {
        super(scope, id);
        this.table = Table.Builder.create(this, "Default")
                .tableName(tableName)
                .partitionKey(stringAttribute(TableDesign.PK))
                .sortKey(stringAttribute(TableDesign.SK))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                .timeToLiveAttribute(TableDesign.TTL_ATTRIBUTE)
                .encryption(TableEncryption.AWS_MANAGED)
                // Run history and definitions outlive a stack deletion; delete the table by hand if meant.
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(TableDesign.GSI1)
                .partitionKey(stringAttribute(TableDesign.GSI1_PK))
                .sortKey(stringAttribute(TableDesign.GSI1_SK))
                .projectionType(ProjectionType.ALL)
                .build());
        // Sparse: only runs not yet finished carry GSI2PK, so the reconciler reads exactly those, keys only.
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(TableDesign.GSI2)
                .partitionKey(stringAttribute(TableDesign.GSI2_PK))
                .sortKey(stringAttribute(TableDesign.GSI2_SK))
                .projectionType(ProjectionType.KEYS_ONLY)
                .build());
        // Sparse: only items with events EventBridge has not accepted yet (their outbox) carry GSI3PK, so the
        // reconciler finds what to send again without a scan. One index added per deployment, as DynamoDB allows.
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(TableDesign.GSI3)
                .partitionKey(stringAttribute(TableDesign.GSI3_PK))
                .sortKey(stringAttribute(TableDesign.GSI3_SK))
                .projectionType(ProjectionType.KEYS_ONLY)
                .build());
    }

    public Table getTable() {
        return table;
    }

    /** The table and its indexes, as IAM names them. */
    java.util.List<String> arnsWithIndexes() {
        String arn = table.getTableArn();
        return java.util.List.of(arn, arn + "/index/" + TableDesign.GSI1, arn + "/index/" + TableDesign.GSI2,
                arn + "/index/" + TableDesign.GSI3);
    }

    private static Attribute stringAttribute(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }
}
