package dev.glueorch.cli.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glueorch.model.DefinitionValidator;
import dev.glueorch.model.Granularity;
import dev.glueorch.model.Partitioning;
import dev.glueorch.model.Schedule;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --partitioning}: gives a workflow a {@code Partitioning} when the jobs its triggers start take the Glue
 * guide's partition arguments ({@code --day_partition_value}, and {@code --hour_partition_value} for hours) in their
 * {@code DefaultArguments}: then each run computes them for its partition, as the guide's Lambda does for the previous
 * hour. It says what it added, and what stands in the way of the arguments reaching the jobs.
 */
final class PartitioningProposal {

    static final String DAY_VALUE = "--" + DefinitionValidator.DAY_PARTITION_VALUE;
    static final String HOUR_VALUE = "--" + DefinitionValidator.HOUR_PARTITION_VALUE;
    static final String DAY_KEY = "--day_partition_key";
    static final String HOUR_KEY = "--hour_partition_key";
    private static final List<String> PARTITION_ARGUMENTS = List.of(DAY_KEY, HOUR_KEY, DAY_VALUE, HOUR_VALUE);
    /** Long enough to hold every weekday twice: a schedule's slots in it show how often it fires. */
    private static final int DAYS_SAMPLED = 15;
    /** A fixed Monday, so that what is proposed does not depend on when the import runs. */
    private static final Instant SAMPLE_START = Instant.parse("2026-01-05T00:00:00Z");

    private final Findings findings;

    PartitioningProposal(Findings findings) {
        this.findings = findings;
    }

    /**
     * Adds {@code Partitioning} to {@code document}'s workflow when its jobs take partition arguments and nothing
     * forbids it; says so either way (nothing when no job takes them).
     *
     * @param jobs the source's jobs by name (GetJob's shape)
     */
    void propose(ObjectNode document, Map<String, ObjectNode> jobs) {
        ObjectNode workflow = (ObjectNode) document.get("Workflow");
        String object = "workflow " + workflow.path("Name").asText();
        String subject = object + ", Partitioning";
        Set<String> dayJobs = new TreeSet<>();
        Set<String> hourJobs = new TreeSet<>();
        Set<String> dayKeys = new LinkedHashSet<>();
        Set<String> hourKeys = new LinkedHashSet<>();
        List<String> blocked = new ArrayList<>();
        for (String jobName : startedJobs(document)) {
            ObjectNode job = jobs.get(jobName);
            if (job == null) {
                continue;
            }
            JsonNode defaults = job.path("DefaultArguments");
            if (defaults.has(DAY_VALUE)) {
                dayJobs.add(jobName);
                keyOf(defaults, DAY_KEY).ifPresent(dayKeys::add);
            }
            if (defaults.has(HOUR_VALUE)) {
                hourJobs.add(jobName);
                keyOf(defaults, HOUR_KEY).ifPresent(hourKeys::add);
            }
            JsonNode fixed = job.path("NonOverridableArguments");
            PARTITION_ARGUMENTS.stream().filter(fixed::has).forEach(argument -> blocked.add("job " + jobName
                    + " has " + argument + " in its NonOverridableArguments, which no run can change: remove it "
                    + "there, or the run's partition never reaches the job"));
        }
        if (dayJobs.isEmpty() && hourJobs.isEmpty()) {
            return;
        }
        Granularity granularity = hourJobs.isEmpty() ? Granularity.DAY : Granularity.HOUR;
        String unit = granularity.name().toLowerCase(Locale.ROOT);
        for (String reserved : List.of(DefinitionValidator.DAY_PARTITION_VALUE,
                DefinitionValidator.HOUR_PARTITION_VALUE)) {
            if (workflow.path("DefaultRunProperties").has(reserved)) {
                findings.needsDecision(object, subject, "not added: DefaultRunProperties sets " + reserved
                        + ", which Partitioning sets for each run; remove the property, then import again with "
                        + "--partitioning");
                return;
            }
        }
        List<String> tooOften = tooOften(document, granularity);
        if (!tooOften.isEmpty()) {
            findings.needsDecision(object, subject, "not added: trigger(s) " + String.join(", ", tooOften)
                    + " fire more than once per " + granularity + ", and a partitioned workflow has one run per "
                    + "partition (the later slots of a partition would start nothing)");
            return;
        }
        ObjectNode partitioning = JsonNodeFactory.instance.objectNode();
        partitioning.put("Granularity", granularity.name());
        partitioning.put("Offset", Partitioning.DEFAULT_OFFSET);
        partitioning.put("TimeZone", Partitioning.DEFAULT_TIME_ZONE);
        String keys = DAY_KEY + "=" + key(dayKeys, Partitioning.DEFAULT_DAY_KEY, DAY_KEY, object, partitioning,
                "DayKey");
        if (granularity == Granularity.HOUR) {
            keys += " and " + HOUR_KEY + "=" + key(hourKeys, Partitioning.DEFAULT_HOUR_KEY, HOUR_KEY, object,
                    partitioning, "HourKey");
        }
        workflow.set("Partitioning", partitioning);
        Set<String> readers = new TreeSet<>(dayJobs);
        readers.addAll(hourJobs);
        findings.changed(object, subject, "added Partitioning " + partitioning + ": job(s) "
                + String.join(", ", readers) + " take " + (granularity == Granularity.HOUR ? DAY_VALUE + " and "
                + HOUR_VALUE : DAY_VALUE) + " in their DefaultArguments; each run now passes its " + unit + "'s "
                + "values, the " + unit + " before its slot (Offset -1), with " + keys);
        blocked.addAll(overridingActions(document));
        blocked.forEach(reason -> findings.needsDecision(object, subject, reason));
    }

    private static Optional<String> keyOf(JsonNode defaults, String argument) {
        return defaults.hasNonNull(argument) ? Optional.of(defaults.get(argument).asText()) : Optional.empty();
    }

    /**
     * Sets {@code member} of {@code partitioning} to the key the jobs' defaults agree on, else to the default key (a
     * disagreement is said: each run passes one key to every job); returns it.
     */
    private String key(Set<String> keys, String fallback, String argument, String object, ObjectNode partitioning,
                       String member) {
        String key = keys.size() == 1 ? keys.iterator().next() : fallback;
        if (keys.size() > 1) {
            findings.needsDecision(object, object + ", Partitioning", "the jobs' " + argument + " defaults differ ("
                    + String.join(", ", keys) + ") but each run passes one value to every job: " + fallback
                    + " was written; set the key the jobs expect");
        }
        partitioning.put(member, key);
        return key;
    }

    /** An action's own partition argument wins over the run's partition: it would pin every run to one value. */
    private static List<String> overridingActions(ObjectNode document) {
        List<String> reasons = new ArrayList<>();
        for (JsonNode trigger : document.path("Triggers")) {
            for (JsonNode action : trigger.path("Actions")) {
                for (String argument : PARTITION_ARGUMENTS) {
                    if (action.path("Arguments").has(argument)) {
                        reasons.add("trigger " + trigger.path("Name").asText() + "'s action on job "
                                + action.path("JobName").asText() + " sets " + argument + " in its Arguments, which "
                                + "win over the partition's: remove it, or every run passes that value");
                    }
                }
            }
        }
        return reasons;
    }

    /** The SCHEDULED triggers that have two slots in the same hour or day: one partition, two slots. */
    private static List<String> tooOften(ObjectNode document, Granularity granularity) {
        List<String> triggers = new ArrayList<>();
        ChronoUnit unit = granularity == Granularity.HOUR ? ChronoUnit.HOURS : ChronoUnit.DAYS;
        for (JsonNode trigger : document.path("Triggers")) {
            if (!"SCHEDULED".equals(trigger.path("Type").asText()) || !trigger.path("Schedule").isTextual()) {
                continue;
            }
            List<Instant> slots;
            try {
                slots = Schedule.parse(trigger.get("Schedule").asText()).slotsBetween(SAMPLE_START,
                        SAMPLE_START.plus(DAYS_SAMPLED, ChronoUnit.DAYS));
            } catch (IllegalArgumentException e) {
                continue; // the validator says what is wrong with it
            }
            Set<Instant> partitions = new HashSet<>();
            for (Instant slot : slots) {
                if (!partitions.add(slot.truncatedTo(unit))) {
                    triggers.add(trigger.path("Name").asText());
                    break;
                }
            }
        }
        return triggers;
    }

    private static Set<String> startedJobs(ObjectNode document) {
        Set<String> jobs = new LinkedHashSet<>();
        for (JsonNode trigger : document.path("Triggers")) {
            for (JsonNode action : trigger.path("Actions")) {
                if (action.hasNonNull("JobName")) {
                    jobs.add(action.get("JobName").asText());
                }
            }
        }
        return jobs;
    }
}
