package dev.glueorch.template;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class TableTest {

    private static Template template;

    @BeforeAll
    static void synthesize() {
        template = SynthesizedStack.shared().template;
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
    void table_shouldHavePkSkKeysAndRunsByStartedOnIndex() {
        // GIVEN the key design of TableDesign
        List<Map<String, String>> attributes = List.of(
                Map.of("AttributeName", "PK", "AttributeType", "S"),
                Map.of("AttributeName", "SK", "AttributeType", "S"),
                Map.of("AttributeName", "GSI1PK", "AttributeType", "S"),
                Map.of("AttributeName", "GSI1SK", "AttributeType", "S"));

        // WHEN / THEN the table has exactly these string keys and the one GSI, projecting all attributes
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", List.of(
                        Map.of("AttributeName", "PK", "KeyType", "HASH"),
                        Map.of("AttributeName", "SK", "KeyType", "RANGE")),
                "AttributeDefinitions", Match.arrayEquals(List.copyOf(attributes)),
                "GlobalSecondaryIndexes", Match.exact(List.of(Map.of(
                        "IndexName", "RunsByStartedOn",
                        "KeySchema", List.of(
                                Map.of("AttributeName", "GSI1PK", "KeyType", "HASH"),
                                Map.of("AttributeName", "GSI1SK", "KeyType", "RANGE")),
                        "Projection", Map.of("ProjectionType", "ALL"))))));
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
