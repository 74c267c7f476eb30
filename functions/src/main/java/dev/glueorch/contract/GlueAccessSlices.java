package dev.glueorch.contract;

import dev.glueorch.model.NodeType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * How the stack and the functions agree on which Glue access role ("slice") may use a job or a crawler, when the
 * exact ARNs of the whole estate do not fit one role's IAM policies: the stack puts each ARN into the policies of
 * the slice {@link #sliceOf} names, and the functions assume that same slice's role to call Glue for it. One
 * function for both sides, so they cannot drift apart.
 *
 * <p>The hash is SHA-256 of the ARN's resource part ({@code job/<name>}, {@code crawler/<name>}) in UTF-8, never
 * {@link String#hashCode()}: the slice must not change with the JVM, the Java version or the language of the
 * caller.
 */
public final class GlueAccessSlices {

    /** Separates the role ARNs in {@link FunctionEnvironment#GLUE_ACCESS_ROLE_ARNS}; IAM ARNs hold no comma. */
    public static final String SEPARATOR = ",";

    private GlueAccessSlices() {
    }

    /**
     * The slice, from 0 to {@code slices - 1}, of the job or crawler {@code name}.
     *
     * @param type {@link NodeType#JOB} or {@link NodeType#CRAWLER}
     * @throws IllegalArgumentException for a trigger (Glue access is by job or crawler) or fewer than one slice
     */
    public static int sliceOf(NodeType type, String name, int slices) {
        if (slices < 1) {
            throw new IllegalArgumentException("slices must be at least 1, was " + slices);
        }
        String resourceType = switch (type) {
            case JOB -> "job";
            case CRAWLER -> "crawler";
            case TRIGGER -> throw new IllegalArgumentException("Glue access is by job or crawler, not trigger ("
                    + name + ")");
        };
        byte[] digest = sha256((resourceType + "/" + name).getBytes(StandardCharsets.UTF_8));
        long first = ((digest[0] & 0xFFL) << 24) | ((digest[1] & 0xFFL) << 16) | ((digest[2] & 0xFFL) << 8)
                | (digest[3] & 0xFFL);
        return (int) (first % slices);
    }

    /** The value of {@link FunctionEnvironment#GLUE_ACCESS_ROLE_ARNS}: the slices' role ARNs, slice 0 first. */
    public static String environmentValue(List<String> roleArns) {
        return String.join(SEPARATOR, roleArns);
    }

    /**
     * The slices' role ARNs, slice 0 first, from {@link FunctionEnvironment#GLUE_ACCESS_ROLE_ARNS}; empty when the
     * value is {@code null} or blank (the roles have the exact ARNs themselves).
     */
    public static List<String> roleArns(String environmentValue) {
        if (environmentValue == null || environmentValue.isBlank()) {
            return List.of();
        }
        return Arrays.stream(environmentValue.split(SEPARATOR)).map(String::trim).filter(arn -> !arn.isEmpty())
                .toList();
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
