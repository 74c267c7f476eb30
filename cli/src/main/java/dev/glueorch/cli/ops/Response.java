package dev.glueorch.cli.ops;

import java.util.List;
import java.util.Map;

/**
 * What an operator command answers: {@code body}, exactly the response Glue's operation of the same name gives;
 * {@code table}, the same for a person to read; {@code notes}, remarks for standard error (what was not found, what
 * Glue refused); {@code failed}, whether the operation was carried out yet did none of what was asked (exit code 1).
 */
record Response(Map<String, Object> body, String table, List<String> notes, boolean failed) {

    Response {
        notes = List.copyOf(notes);
    }

    Response(Map<String, Object> body, String table, List<String> notes) {
        this(body, table, notes, false);
    }

    Response(Map<String, Object> body, String table) {
        this(body, table, List.of());
    }
}
