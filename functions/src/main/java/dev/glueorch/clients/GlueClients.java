package dev.glueorch.clients;

import software.amazon.awssdk.services.glue.GlueClient;

/**
 * Glue in one account, as two clients on the same HTTP client and credentials: {@code reads} (and stops) retried by
 * the SDK's standard strategy, and {@code starts} (StartJobRun, StartCrawler), never retried by the SDK: a failed
 * start's outcome can be unknown, StartJobRun has no idempotency token and a resend can start the job twice, so the
 * orchestrator decides what follows (look the run up, or retry a definite refusal).
 */
public record GlueClients(GlueClient reads, GlueClient starts) implements AutoCloseable {

    @Override
    public void close() {
        reads.close();
        starts.close();
    }
}
