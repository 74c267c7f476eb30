package dev.glueorch.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Placeholders for the names and values of one DynamoDB expression. Every attribute name goes through a
 * placeholder: Glue's vocabulary ({@code Name}, {@code State}, {@code Status}) is full of DynamoDB reserved words,
 * and map keys such as action ids may hold any character.
 */
final class Expressions {

    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, AttributeValue> values = new LinkedHashMap<>();
    private final List<String> sets = new ArrayList<>();
    private final List<String> adds = new ArrayList<>();
    private final List<String> removes = new ArrayList<>();

    /** Adds {@code path = value} to the SET clause of {@link #update()}. */
    void set(String path, String value) {
        sets.add(path + " = " + value);
    }

    /** Adds {@code path value} to the ADD clause of {@link #update()}. */
    void add(String path, String value) {
        adds.add(path + " " + value);
    }

    /** Adds {@code path} to the REMOVE clause of {@link #update()}. */
    void remove(String path) {
        removes.add(path);
    }

    /** The update expression of every {@link #set}, {@link #add} and {@link #remove}. */
    String update() {
        StringBuilder update = new StringBuilder();
        clause(update, "SET ", sets);
        clause(update, "ADD ", adds);
        clause(update, "REMOVE ", removes);
        return update.toString();
    }

    private static void clause(StringBuilder update, String keyword, List<String> parts) {
        if (!parts.isEmpty()) {
            update.append(update.length() > 0 ? " " : "").append(keyword).append(String.join(", ", parts));
        }
    }

    /** A document path, each segment a name placeholder: {@code path("Actions", id, "State")}. */
    String path(String... segments) {
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            if (path.length() > 0) {
                path.append('.');
            }
            path.append(name(segment));
        }
        return path.toString();
    }

    String name(String attribute) {
        for (Map.Entry<String, String> entry : names.entrySet()) {
            if (entry.getValue().equals(attribute)) {
                return entry.getKey();
            }
        }
        String placeholder = "#n" + names.size();
        names.put(placeholder, attribute);
        return placeholder;
    }

    String value(AttributeValue value) {
        String placeholder = ":v" + values.size();
        values.put(placeholder, value);
        return placeholder;
    }

    Map<String, String> names() {
        return names;
    }

    Map<String, AttributeValue> values() {
        return values;
    }
}
