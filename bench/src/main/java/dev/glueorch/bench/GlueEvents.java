package dev.glueorch.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** "Glue Job State Change" events as EventBridge delivers them (the shape of events/job-succeeded.json). */
final class GlueEvents {

    private GlueEvents() {
    }

    static String succeeded(String jobName, String jobRunId) {
        return """
                {"version": "0", "id": "%s", "detail-type": "Glue Job State Change", "source": "aws.glue",
                 "account": "123456789012", "time": "%s", "region": "us-east-1", "resources": [],
                 "detail": {"jobName": "%s", "severity": "INFO", "state": "SUCCEEDED", "jobRunId": "%s",
                            "message": "Job run succeeded"}}
                """.formatted(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.SECONDS), jobName, jobRunId);
    }
}
