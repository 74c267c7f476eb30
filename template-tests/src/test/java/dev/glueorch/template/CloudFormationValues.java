package dev.glueorch.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves a template value as CloudFormation would, to measure what AWS will measure: pseudo parameters become a
 * realistic partition, Region and 12-digit account; a resource's {@code Ref} its physical name and
 * {@code Fn::GetAtt ... Arn} its ARN, both at CloudFormation's usual generated length (64 characters of name); then
 * {@code Fn::Join} and {@code Fn::Sub} are applied.
 */
final class CloudFormationValues {

    static final String PARTITION = "aws";
    static final String REGION = "eu-central-1";
    static final String ACCOUNT = "123456789012";
    private static final int GENERATED_NAME_LENGTH = 64;
    private static final Pattern SUB = Pattern.compile("\\$\\{([^}]+)}");

    private CloudFormationValues() {
    }

    /** {@code value} with every intrinsic function applied; lists and objects resolved member by member. */
    static Object resolve(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                Object key = map.keySet().iterator().next();
                Object argument = map.values().iterator().next();
                switch (key.toString()) {
                    case "Ref" -> {
                        return ref(argument.toString());
                    }
                    case "Fn::GetAtt" -> {
                        List<?> parts = (List<?>) argument;
                        return getAtt(parts.get(0).toString(), parts.get(1).toString());
                    }
                    case "Fn::Join" -> {
                        List<?> parts = (List<?>) argument;
                        StringBuilder joined = new StringBuilder();
                        List<?> items = (List<?>) parts.get(1);
                        for (int i = 0; i < items.size(); i++) {
                            joined.append(i == 0 ? "" : parts.get(0)).append(resolve(items.get(i)));
                        }
                        return joined.toString();
                    }
                    case "Fn::Sub" -> {
                        Matcher matcher = SUB.matcher(argument.toString());
                        StringBuilder substituted = new StringBuilder();
                        while (matcher.find()) {
                            matcher.appendReplacement(substituted, Matcher.quoteReplacement(
                                    matcher.group(1).contains(".") ? getAtt(matcher.group(1).split("\\.")[0],
                                            matcher.group(1).split("\\.")[1]) : ref(matcher.group(1))));
                        }
                        matcher.appendTail(substituted);
                        return substituted.toString();
                    }
                    default -> {
                        // a plain object of one member
                    }
                }
            }
            Map<Object, Object> resolved = new LinkedHashMap<>();
            map.forEach((k, v) -> resolved.put(k, resolve(v)));
            return resolved;
        }
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            list.forEach(item -> resolved.add(resolve(item)));
            return resolved;
        }
        return value;
    }

    private static String ref(String name) {
        return switch (name) {
            case "AWS::Partition" -> PARTITION;
            case "AWS::Region" -> REGION;
            case "AWS::AccountId" -> ACCOUNT;
            case "AWS::URLSuffix" -> "amazonaws.com";
            case "AWS::StackName" -> "GlueOrchestrator";
            default -> generatedName(name);
        };
    }

    private static String getAtt(String logicalId, String attribute) {
        String name = generatedName(logicalId);
        return "Arn".equals(attribute) ? "arn:" + PARTITION + ":service:" + REGION + ":" + ACCOUNT + ":resource/" + name
                : name;
    }

    /** {@code GlueOrchestrator-<logical id>-<suffix>}, cut or padded to 64 characters as CloudFormation names. */
    private static String generatedName(String logicalId) {
        String name = "GlueOrchestrator-" + logicalId + "-";
        return (name + "A1B2C3D4E5F6G7H8I9J0".repeat(4)).substring(0, GENERATED_NAME_LENGTH);
    }
}
