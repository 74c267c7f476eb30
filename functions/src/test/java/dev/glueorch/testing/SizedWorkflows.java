package dev.glueorch.testing;

import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/**
 * Workflow files of an exact stored size, for the limits of the definitions item: a valid workflow {@code sales}
 * whose one action has large Arguments, padded with trailing spaces (JSON allows them, and the file is stored as
 * written).
 */
public final class SizedWorkflows {

    public static final String WORKFLOW = "sales";
    public static final String FILE = "workflows/" + WORKFLOW + ".json";

    private SizedWorkflows() {
    }

    /** The text of {@link #FILE} whose definitions item is exactly {@code itemBytes} (at least about 210 KB). */
    public static String storedAs(int itemBytes) {
        StringJoiner arguments = new StringJoiner(", ");
        for (int i = 0; i < 100; i++) {
            arguments.add("\"--table-" + i + "\": \"" + "s3://lake/é/".repeat(160) + "\"");
        }
        String json = """
            {"Workflow": {"Name": "%s"},
             "Triggers": [{"Name": "t", "Type": "ON_DEMAND", "Actions": [{"JobName": "ingest", "Arguments": {%s}}]}]}
            """.formatted(WORKFLOW, arguments);
        return json + " ".repeat(itemBytes - storedItemBytes(WORKFLOW, FILE, json));
    }

    /**
     * DynamoDB's size of the item a file is stored as, counted by hand: the attribute names PK, SK, Version,
     * WorkflowName, Source, Definition (39 bytes), "DEFINITIONS" (11), the sort key's fixed part "VERSION#" and
     * "#WORKFLOW#" (18), the version twice (2 × 16), the workflow name twice, the file name and the text, in UTF-8.
     */
    public static int storedItemBytes(String workflowName, String file, String json) {
        return 39 + 11 + 18 + 2 * 16 + 2 * bytes(workflowName) + bytes(file) + bytes(json);
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
