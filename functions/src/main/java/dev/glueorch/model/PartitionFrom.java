package dev.glueorch.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where an EVENT trigger finds the data's partition in an event (extension): the text at {@code path} (a dot path
 * into the event, e.g. {@code detail.object.key}) matched by {@code pattern}, whose named group {@value #DAY_GROUP}
 * is the day ({@code yyyy-MM-dd}) and, for HOUR partitioning, {@value #HOUR_GROUP} the hour (0 to 23, with or
 * without a leading zero).
 */
public record PartitionFrom(String path, Pattern pattern) {

    public static final String DAY_GROUP = "day";
    public static final String HOUR_GROUP = "hour";

    public PartitionFrom {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(pattern, "pattern");
    }

    /**
     * Whether the pattern declares the named group. Java 17's {@link Pattern} does not list its groups, so the
     * source is searched for {@code (?<name>}, not preceded by an escaping backslash.
     */
    public boolean hasGroup(String name) {
        return Pattern.compile("(?<!\\\\)(\\\\\\\\)*\\(\\?<" + Pattern.quote(name) + ">").matcher(pattern.pattern())
                .find();
    }

    /** {@link Pattern} has no value equality: two PartitionFroms are equal when their sources are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof PartitionFrom that && path.equals(that.path)
                && pattern.pattern().equals(that.pattern.pattern()) && pattern.flags() == that.pattern.flags();
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, pattern.pattern(), pattern.flags());
    }
}
