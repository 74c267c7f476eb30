package dev.glueorch.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The single table's key design, shared with the CDK construct that creates the table.
 *
 * <ul>
 *   <li>{@code PK}/{@code SK}: strings; every item's key.</li>
 *   <li>{@code RunsByStartedOn}: a GSI ({@code GSI1PK = WORKFLOW#<name>}, {@code GSI1SK = <StartedOn>#<runId>}) to
 *       list a workflow's runs newest first without a scan.</li>
 *   <li>{@code ActiveRuns}: a sparse GSI ({@code GSI2PK = ACTIVE}, {@code GSI2SK = <StartedOn>#<workflow>#<runId>},
 *       keys only) holding exactly the runs not yet finished, for the reconciler; a run leaves it when it ends.</li>
 *   <li>{@code Unsent}: a sparse GSI ({@code GSI3PK = UNSENT}, {@code GSI3SK = <time of the oldest pending event>},
 *       keys only) holding the items with events not yet accepted by EventBridge (their outbox), for the reconciler
 *       to send again.</li>
 *   <li>Times in the index sort keys are written by {@link #sortable(Instant)}, nine digits of fraction always,
 *       so that text order is time order ({@code Instant.toString()} writes {@code 14:00:00Z} for a whole second,
 *       which sorts after {@code 14:00:00.5Z}). Keys written before in the short form still sort right against
 *       any other second.</li>
 *   <li>{@code ExpiresAt}: epoch seconds; DynamoDB TTL removes history after it (90 days by default, as Glue
 *       keeps workflow runs).</li>
 * </ul>
 */
public final class TableDesign {

    public static final String PK = "PK";
    public static final String SK = "SK";
    public static final String GSI1 = "RunsByStartedOn";
    public static final String GSI1_PK = "GSI1PK";
    public static final String GSI1_SK = "GSI1SK";
    public static final String GSI2 = "ActiveRuns";
    public static final String GSI2_PK = "GSI2PK";
    public static final String GSI2_SK = "GSI2SK";
    public static final String GSI3 = "Unsent";
    public static final String GSI3_PK = "GSI3PK";
    public static final String GSI3_SK = "GSI3SK";
    public static final String TTL_ATTRIBUTE = "ExpiresAt";
    public static final int DEFAULT_HISTORY_DAYS = 90;

    private static final DateTimeFormatter SORTABLE = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private TableDesign() {
    }

    /** {@code time} as an index sort key's time: ISO-8601 UTC with nine digits of fraction, so text sorts as time. */
    public static String sortable(Instant time) {
        return SORTABLE.format(time);
    }
}
