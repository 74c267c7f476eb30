package dev.glueorch.handler;

import dev.glueorch.engine.DefinitionsSource;
import dev.glueorch.model.Definitions;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart readiness: before Lambda snapshots an initialised function (CRaC {@code beforeCheckpoint}), the work
 * every first invocation would otherwise pay is done once — the definitions are read and validated (which also
 * opens the DynamoDB client's connection path, signer and marshallers) and each kind of event is parsed (Jackson
 * and the event model's classes), and the Glue and EventBridge clients (and STS's, with Glue access roles), otherwise
 * built on their first use, are built. Nothing is sent to Glue, EventBridge or STS — no role is assumed, so no
 * credentials of a Glue access role are in the snapshot — and nothing in the snapshot is unique to one execution
 * environment: restored copies need no {@code afterRestore} work.
 */
final class Priming implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);
    /** One event of every kind the functions receive, in the shapes of events/ (ids and names made up). */
    private static final List<String> EVENTS = List.of(
            """
            {"version": "0", "id": "priming-job", "detail-type": "Glue Job State Change", "source": "aws.glue",
             "account": "000000000000", "time": "2026-01-01T00:00:00Z", "region": "us-east-1", "resources": [],
             "detail": {"jobName": "priming", "severity": "INFO", "state": "SUCCEEDED",
                        "jobRunId": "jr_priming", "message": "Job run succeeded"}}""",
            """
            {"version": "0", "id": "priming-crawler", "detail-type": "Glue Crawler State Change",
             "source": "aws.glue", "account": "000000000000", "time": "2026-01-01T00:00:00Z",
             "region": "us-east-1", "resources": [], "detail": {"crawlerName": "priming", "state": "Succeeded"}}""",
            """
            {"version": "0", "id": "priming-tick", "detail-type": "Scheduled Event", "source": "aws.events",
             "account": "000000000000", "time": "2026-01-01T00:00:00Z", "region": "us-east-1", "resources": [],
             "detail": {}}""");

    private final DefinitionsSource definitions;
    private final EventParser parser;
    private final Runnable buildClients;

    /** @param buildClients builds the SDK clients a function builds only on first use, sending nothing */
    Priming(DefinitionsSource definitions, EventParser parser, Runnable buildClients) {
        this.definitions = definitions;
        this.parser = parser;
        this.buildClients = buildClients;
    }

    /** Registers with the JVM's checkpoint context (a no-op on a JVM without CRaC, as outside SnapStart). */
    Priming register() {
        Core.getGlobalContext().register(this);
        return this;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to renew: credentials come from the default provider, which refreshes them itself
    }

    /** Does the first invocation's one-off work now; returns the definitions it loaded. */
    Definitions prime() {
        Definitions current = definitions.current();
        for (String event : EVENTS) {
            parser.parse(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)));
        }
        buildClients.run();
        LOG.info("Primed for a snapshot: definitions version {} ({} workflows), {} event kinds parsed",
                current.version(), current.workflows().size(), EVENTS.size());
        return current;
    }
}
