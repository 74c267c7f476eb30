package dev.glueorch.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

@Synthesized
class TableTest {

    private final Template template;

    TableTest(Template template) {
        this.template = template;
    }

    @Test
    void table_shouldBeOnDemandWithPointInTimeRecoveryAndTtl() {
        // GIVEN the stack synthesized from the test workflows
        // WHEN the template is searched for DynamoDB tables
        // THEN there is exactly one, billed per request, with PITR and TTL on ExpiresAt
        template.resourceCountIs("AWS::DynamoDB::Table", 1);
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "BillingMode", "PAY_PER_REQUEST",
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                "TimeToLiveSpecification", Map.of("AttributeName", "ExpiresAt", "Enabled", true)));
    }

    @Test
    void table_shouldHavePkSkKeysAndThreeIndexesOnStringKeys() {
        // GIVEN the key design of TableDesign
        List<Map<String, String>> attributes = List.of(
                Map.of("AttributeName", "PK", "AttributeType", "S"),
                Map.of("AttributeName", "SK", "AttributeType", "S"),
                Map.of("AttributeName", "GSI1PK", "AttributeType", "S"),
                Map.of("AttributeName", "GSI1SK", "AttributeType", "S"),
                Map.of("AttributeName", "GSI2PK", "AttributeType", "S"),
                Map.of("AttributeName", "GSI2SK", "AttributeType", "S"),
                Map.of("AttributeName", "GSI3PK", "AttributeType", "S"),
                Map.of("AttributeName", "GSI3SK", "AttributeType", "S"));
        Capture indexes = new Capture();

        // WHEN the table's keys and indexes are captured
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", List.of(
                        Map.of("AttributeName", "PK", "KeyType", "HASH"),
                        Map.of("AttributeName", "SK", "KeyType", "RANGE")),
                "AttributeDefinitions", Match.arrayEquals(List.copyOf(attributes)),
                "GlobalSecondaryIndexes", indexes));

        // THEN the table has exactly these string keys and three GSIs
        assertThat(indexes.asArray()).hasSize(3);
    }

    @Test
    void runsByStartedOnIndex_shouldBeKeyedOnGsi1AndProjectAllAttributes() {
        // GIVEN the index that lists a workflow's runs newest first
        // WHEN / THEN it is keyed on GSI1PK/GSI1SK and projects every attribute
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "GlobalSecondaryIndexes", Match.arrayWith(List.of(Match.objectEquals(Map.of(
                        "IndexName", "RunsByStartedOn",
                        "KeySchema", List.of(
                                Map.of("AttributeName", "GSI1PK", "KeyType", "HASH"),
                                Map.of("AttributeName", "GSI1SK", "KeyType", "RANGE")),
                        "Projection", Map.of("ProjectionType", "ALL")))))));
    }

    @Test
    void activeRunsIndex_shouldBeKeyedOnGsi2AndProjectKeysOnly() {
        // GIVEN the sparse index the reconciler reads: only unfinished runs carry GSI2PK
        // WHEN / THEN it is keyed on GSI2PK/GSI2SK and projects the keys only
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "GlobalSecondaryIndexes", Match.arrayWith(List.of(Match.objectEquals(Map.of(
                        "IndexName", "ActiveRuns",
                        "KeySchema", List.of(
                                Map.of("AttributeName", "GSI2PK", "KeyType", "HASH"),
                                Map.of("AttributeName", "GSI2SK", "KeyType", "RANGE")),
                        "Projection", Map.of("ProjectionType", "KEYS_ONLY")))))));
    }

    @Test
    void unsentIndex_shouldBeKeyedOnGsi3AndProjectKeysOnly() {
        // GIVEN the sparse index of the outbox: only items with events not yet accepted carry GSI3PK
        // WHEN / THEN it is keyed on GSI3PK/GSI3SK and projects the keys only
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "GlobalSecondaryIndexes", Match.arrayWith(List.of(Match.objectEquals(Map.of(
                        "IndexName", "Unsent",
                        "KeySchema", List.of(
                                Map.of("AttributeName", "GSI3PK", "KeyType", "HASH"),
                                Map.of("AttributeName", "GSI3SK", "KeyType", "RANGE")),
                        "Projection", Map.of("ProjectionType", "KEYS_ONLY")))))));
    }

    @Test
    void table_shouldBeRetainedAndEncryptedWithTheAwsManagedKey() {
        // GIVEN the table holds run history and definitions
        // WHEN / THEN it survives a stack deletion or replacement, and uses the AWS-managed KMS key
        template.hasResource("AWS::DynamoDB::Table", Map.of(
                "DeletionPolicy", "Retain",
                "UpdateReplacePolicy", "Retain",
                "Properties", Match.objectLike(Map.of(
                        "SSESpecification", Map.of("SSEEnabled", true)))));
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "SSESpecification", Match.objectEquals(Map.of("SSEEnabled", true))));
    }
}
