package dev.glueorch.cli.simulate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glueorch.model.JobRunState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the simulated Glue does: schedule slots in {@code [from, to)} start runs; each job run or crawl ends after its
 * job's or crawler's {@code durationMinutes} as SUCCEEDED unless {@code runs} names its partition with another
 * outcome, and a job run still running at its timeout ends TIMEOUT then; which faults the delivery of events
 * suffers; the events that arrive on the accounts' buses for EVENT triggers ({@code events}, by time); what operators
 * and outages do to the deployment: triggers DEACTIVATED for a while ({@code deactivations}) and intervals in which
 * no schedule runs ({@code outages}), both by time.
 */
public record Scenario(Instant from, Instant to, Map<String, Behaviour> jobs, Map<String, Behaviour> crawlers,
                       Faults faults, List<ArrivingEvent> events, List<Deactivation> deactivations,
                       List<Outage> outages) {

    /** Minutes a job run or crawl takes when the scenario does not list its job or crawler. */
    public static final int DEFAULT_JOB_MINUTES = 10;
    public static final int DEFAULT_CRAWL_MINUTES = 5;
    /** Glue's default job timeout, 2,880 minutes (48 hours), when neither the action nor the job sets one. */
    public static final int GLUE_DEFAULT_TIMEOUT_MINUTES = 2880;

    public Scenario {
        jobs = Map.copyOf(jobs);
        crawlers = Map.copyOf(crawlers);
        events = List.copyOf(events);
        deactivations = List.copyOf(deactivations);
        outages = List.copyOf(outages);
    }

    /** A scenario in which no event arrives for EVENT triggers, no trigger is deactivated and every schedule runs. */
    public Scenario(Instant from, Instant to, Map<String, Behaviour> jobs, Map<String, Behaviour> crawlers,
                    Faults faults) {
        this(from, to, jobs, crawlers, faults, List.of(), List.of(), List.of());
    }

    /** The outage {@code at} falls in, if any. */
    public Optional<Outage> outageAt(Instant at) {
        return outages.stream().filter(outage -> outage.covers(at)).findFirst();
    }

    public Behaviour job(String name) {
        return jobs.getOrDefault(name, new Behaviour(DEFAULT_JOB_MINUTES, null, null, null, Map.of()));
    }

    public Behaviour crawler(String name) {
        return crawlers.getOrDefault(name, new Behaviour(DEFAULT_CRAWL_MINUTES, 1, null, null, Map.of()));
    }

    /**
     * How one job or crawler behaves. {@code maxConcurrentRuns} is Glue's ExecutionProperty (null: unlimited; a
     * crawler always runs one crawl at a time); {@code notifyDelayAfterMinutes} is the job's NotificationProperty
     * (null: none); {@code timeoutMinutes} is the job's own Timeout (null: Glue's default; a crawler has none);
     * {@code runs} maps a partition id to its outcome.
     */
    public record Behaviour(int durationMinutes, Integer maxConcurrentRuns, Integer notifyDelayAfterMinutes,
                            Integer timeoutMinutes, Map<String, Outcome> runs) {
        public Behaviour {
            runs = Map.copyOf(runs);
        }

        public Outcome outcome(String partition) {
            Outcome listed = partition == null ? null : runs.get(partition);
            return listed != null ? listed : new Outcome(JobRunState.SUCCEEDED, durationMinutes);
        }
    }

    /**
     * A run's final state and when it reaches it, in minutes after it started. A crawl's state is the action state it
     * counts as ({@link dev.glueorch.model.CrawlState#asActionState()}: a CANCELLED crawl is STOPPED).
     */
    public record Outcome(JobRunState state, int afterMinutes) {

        /**
         * The outcome of a job run that Glue ends at {@code timeoutMinutes}: TIMEOUT then if it would otherwise still
         * run, whatever it was scripted to end as; this outcome if it ends by then.
         */
        public Outcome within(int timeoutMinutes) {
            return afterMinutes > timeoutMinutes ? new Outcome(JobRunState.TIMEOUT, timeoutMinutes) : this;
        }
    }

    /**
     * What goes wrong, each drawn from one seeded random source so a run can be repeated: events delivered twice,
     * reordered, dropped or late; StartJobRun throttled; the handler killed between a trigger's claim and the start.
     * At Glue's API: StartJobRun's answer lost after Glue started the run ({@code loseStartJobRunAnswer}: a dropped
     * connection, a timeout, a 5xx after the start) and a 5xx before it started anything
     * ({@code failStartJobRunBeforeStart}); both leave the outcome unknown to the orchestrator. At EventBridge: a
     * PutEvents call failing whole ({@code failPutEvents}, per call) and entries refused within an accepted call
     * ({@code refusePutEventsEntries}, per entry). And a reconcile pass running while a tick retries a waiting action,
     * inside its StartJobRun ({@code reconcileDuringRetry}, per retried start).
     */
    public record Faults(double duplicateEvents, boolean shuffleEvents, double dropEvents, int delayEventsMinutes,
                         double throttleStartJobRun, double crashAfterClaim, double loseStartJobRunAnswer,
                         double failStartJobRunBeforeStart, double failPutEvents, double refusePutEventsEntries,
                         double reconcileDuringRetry, long seed) {

        public static final Faults NONE = new Faults(0, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        public boolean any() {
            return duplicateEvents > 0 || shuffleEvents || dropEvents > 0 || delayEventsMinutes > 0
                    || throttleStartJobRun > 0 || crashAfterClaim > 0 || loseStartJobRunAnswer > 0
                    || failStartJobRunBeforeStart > 0 || failPutEvents > 0 || refusePutEventsEntries > 0
                    || reconcileDuringRetry > 0;
        }
    }

    /**
     * Trigger {@code trigger} is DEACTIVATED from {@code from} to {@code to}, as an operator's {@code glueorch triggers
     * deactivate} then {@code triggers activate} would make it: its slots in {@code [from, to)} start nothing.
     */
    public record Deactivation(String trigger, Instant from, Instant to) {
    }

    /**
     * From {@code from} to {@code to} no schedule fires: neither the tick nor the reconciler runs (their rules
     * disabled, their functions broken by a deployment), while Glue's events are still handled. The first tick after
     * it finds each trigger's missed slots and starts the latest and at most MaxCatchUpRuns before it.
     */
    public record Outage(Instant from, Instant to) {

        /** Whether {@code at} is in {@code [from, to)}. */
        public boolean covers(Instant at) {
            return !at.isBefore(from) && at.isBefore(to);
        }
    }

    /**
     * An EventBridge event that arrives at {@code at} on the bus {@code bus} ({@code null}: the account's default bus),
     * whole as EventBridge delivers it ({@code time} is {@code at}). Its {@code id} is what batches count once.
     */
    public record ArrivingEvent(Instant at, String bus, ObjectNode event) {

        public ArrivingEvent {
            event = event.deepCopy();
        }

        /** A copy: the event is matched and wrapped by every rule of every account, none may change it. */
        @Override
        public ObjectNode event() {
            return event.deepCopy();
        }

        public String id() {
            return event.get("id").asText();
        }
    }
}
