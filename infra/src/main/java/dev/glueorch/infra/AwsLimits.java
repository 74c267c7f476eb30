package dev.glueorch.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/**
 * The AWS hard limits the construct sizes its resources against, and how it measures them: as the service will, on
 * the JSON text without whitespace, in UTF-8 bytes (never fewer than characters), with an ARN's partition, Region and
 * account at their longest, so that a template that fits here fits in every Region.
 */
final class AwsLimits {

    /** EventBridge: characters of one rule's event pattern (an adjustable quota: 4,096 on request). */
    static final int EVENT_PATTERN_LENGTH = 2_048;
    static final int RAISED_EVENT_PATTERN_LENGTH = 4_096;
    /**
     * EventBridge: rules per event bus, an adjustable quota (300 in most Regions, 100 in af-south-1 and eu-south-1),
     * shared with every other rule on the bus.
     */
    static final int RULES_PER_BUS = 300;
    /** EventBridge: characters of a target's input transformer template. */
    static final int INPUT_TEMPLATE_LENGTH = 8_192;
    /** EventBridge: characters of a rule name. */
    static final int RULE_NAME_LENGTH = 64;
    /** Lambda: bytes of a function's (or alias's) resource-based policy. */
    static final int FUNCTION_POLICY_LENGTH = 20_480;
    /** IAM: characters of a customer managed policy, whitespace excluded. */
    static final int MANAGED_POLICY_LENGTH = 6_144;
    /** IAM: managed policies attached to one role (adjustable to 20). */
    static final int MANAGED_POLICIES_PER_ROLE = 10;
    static final int RAISED_MANAGED_POLICIES_PER_ROLE = 20;
    /** IAM: characters of all inline policies of one role together, whitespace excluded. */
    static final int INLINE_POLICIES_PER_ROLE_LENGTH = 10_240;
    /**
     * CloudFormation: bytes of a template body uploaded to S3, as {@code cdk deploy} uploads it: 1 MB, counted as
     * 1,000,000 bytes as CDK (which warns from 80 %) and cfn-lint count it.
     */
    static final long TEMPLATE_BYTES = 1_000_000;
    /** EventBridge: characters of an event bus's resource policy. */
    static final int EVENT_BUS_POLICY_LENGTH = 10_240;

    /** The longest partition ({@code aws-us-gov}), a Region name longer than any so far, a 12-digit account. */
    static final String LONGEST_PARTITION = "aws-us-gov";
    static final String LONGEST_REGION = "xx-xxxxxxxxxxx-1";
    static final String ACCOUNT = "123456789012";

    private static final ObjectMapper JSON = new ObjectMapper();

    private AwsLimits() {
    }

    /** UTF-8 bytes of {@code value} as compact JSON. */
    static int jsonLength(Object value) {
        try {
            return JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps, lists and strings are always serializable", e);
        }
    }

    /** {@code arn:<longest partition>:<service>:<longest region>:<account>:<resource>}, to measure. */
    static String longestArn(String service, String resource) {
        return "arn:" + LONGEST_PARTITION + ":" + service + ":" + LONGEST_REGION + ":" + ACCOUNT + ":" + resource;
    }
}
