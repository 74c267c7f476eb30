package dev.glueorch.model;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Glue's {@code CrawlState}: the state of one crawl, as conditions name it. */
public enum CrawlState {
    RUNNING, CANCELLING, CANCELLED, SUCCEEDED, FAILED, ERROR;

    /** The crawl states a CONDITIONAL trigger can listen for. */
    public static final Set<CrawlState> LISTENABLE = EnumSet.of(SUCCEEDED, FAILED, CANCELLED);

    /**
     * Maps the {@code state} of a "Glue Crawler State Change" event ({@code Started}, {@code Succeeded},
     * {@code Failed}) to the crawl state conditions use; events say "Succeeded", conditions "SUCCEEDED".
     */
    public static Optional<CrawlState> fromEventState(String eventState) {
        if (eventState == null) {
            return Optional.empty();
        }
        return switch (eventState.toLowerCase(Locale.ROOT)) {
            case "started", "running" -> Optional.of(RUNNING);
            case "succeeded" -> Optional.of(SUCCEEDED);
            case "failed" -> Optional.of(FAILED);
            case "cancelled", "canceled", "stopped" -> Optional.of(CANCELLED);
            default -> Optional.empty();
        };
    }

    /** The job-run vocabulary the orchestrator keeps action runs in: a cancelled crawl counts as stopped. */
    public JobRunState asActionState() {
        return switch (this) {
            case RUNNING -> JobRunState.RUNNING;
            case CANCELLING -> JobRunState.STOPPING;
            case CANCELLED -> JobRunState.STOPPED;
            case SUCCEEDED -> JobRunState.SUCCEEDED;
            case FAILED -> JobRunState.FAILED;
            case ERROR -> JobRunState.ERROR;
        };
    }
}
