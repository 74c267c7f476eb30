package dev.glueorch.infra;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which Glue jobs and crawlers the orchestrator's functions may start, watch and stop.
 *
 * <ul>
 *   <li>{@link #exactArns()}, the default: exactly the jobs and crawlers the definitions' actions name, ARN by ARN,
 *       split into as many customer managed policies as IAM's limits need (6,144 characters each, at most
 *       {@code maxManagedPoliciesPerRole} per role). Least privilege. When they do not fit the function roles, they
 *       are split into up to ten Glue access roles the functions assume (see {@link GlueAccessPolicies}); a synth
 *       error says when even those do not hold them.</li>
 *   <li>{@link #resourceTag(String, String)}: every job and crawler of the account and Region that carries the tag.
 *       The policy no longer grows with the estate; what it gives up: the tag becomes the boundary, so whoever may tag
 *       Glue jobs ({@code glue:TagResource}) decides what the orchestrator may start, and a job the definitions name
 *       but nobody tagged fails at its first start (AccessDenied) rather than at synth. The event rules still name
 *       each job exactly.</li>
 *   <li>{@link #namePrefixes(List)}: every job and crawler whose name starts with one of the prefixes; every name
 *       the definitions use must start with one (checked at synth). What it gives up: other jobs with such a name
 *       may be started by the orchestrator's roles, and the event rules match them by prefix too, so their events
 *       invoke the Glue event function, which ignores runs it did not start (Glue's rule) at the cost of the
 *       invocations.</li>
 * </ul>
 */
public sealed interface GlueAccess permits GlueAccess.ExactArns, GlueAccess.ResourceTag, GlueAccess.NamePrefixes {

    /** The default: the named jobs' and crawlers' ARNs, nothing else (through Glue access roles at scale). */
    static GlueAccess exactArns() {
        return new ExactArns();
    }

    /** Jobs and crawlers tagged {@code key=value}, through IAM's {@code aws:ResourceTag/<key>} condition. */
    static GlueAccess resourceTag(String key, String value) {
        return new ResourceTag(key, value);
    }

    /** Jobs and crawlers whose names start with one of {@code prefixes}, in IAM and in the event rules. */
    static GlueAccess namePrefixes(List<String> prefixes) {
        return new NamePrefixes(prefixes);
    }

    /** See {@link GlueAccess#exactArns()}. */
    record ExactArns() implements GlueAccess {
    }

    /** See {@link GlueAccess#resourceTag(String, String)}. */
    record ResourceTag(String key, String value) implements GlueAccess {

        /** IAM and Glue's tag key characters; {@code aws:} keys are AWS's own. */
        private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

        public ResourceTag {
            if (key == null || key.isEmpty() || key.length() > 128 || key.startsWith("aws:")
                    || !TAG.matcher(key).matches()) {
                throw new IllegalArgumentException("glueAccess: tag key '" + key + "' is no Glue tag key: give 1 to 128 "
                        + "letters, digits, spaces and _.:/=+-@, not starting with aws:, e.g. glue-orchestrator");
            }
            if (value == null || value.length() > 256 || !TAG.matcher(value).matches()) {
                throw new IllegalArgumentException("glueAccess: tag value '" + value + "' of key '" + key + "' is no "
                        + "Glue tag value: give 0 to 256 letters, digits, spaces and _.:/=+-@, e.g. managed");
            }
        }
    }

    /** See {@link GlueAccess#namePrefixes(List)}. */
    record NamePrefixes(List<String> prefixes) implements GlueAccess {

        public NamePrefixes {
            Objects.requireNonNull(prefixes, "glueAccess: prefixes");
            if (prefixes.isEmpty()) {
                throw new IllegalArgumentException("glueAccess: namePrefixes needs at least one prefix, e.g. sales-");
            }
            for (String prefix : prefixes) {
                if (prefix == null || prefix.isEmpty() || prefix.length() > 254 || prefix.contains("*")
                        || prefix.contains("?")) {
                    throw new IllegalArgumentException("glueAccess: name prefix '" + prefix + "' must be 1 to 254 "
                            + "characters without * or ? (IAM wildcards): the prefix itself, e.g. sales-");
                }
            }
            prefixes = List.copyOf(new java.util.TreeSet<>(prefixes));
        }
    }
}
