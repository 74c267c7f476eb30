package dev.glueorch.engine;

import dev.glueorch.model.DefinitionValidator;
import dev.glueorch.model.Granularity;
import dev.glueorch.model.PartitionFrom;
import dev.glueorch.model.Partitioning;
import dev.glueorch.model.Trigger;
import dev.glueorch.model.Workflow;
import dev.glueorch.model.WorkflowDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Computes the partition of a scheduled slot: the slot in the workflow's time zone, truncated to the granularity and
 * shifted by the offset. A slot at 2026-11-21T14:00Z with HOUR / -1 / UTC is partition {@code 2026-11-21T13}, with
 * run properties {@code day_partition_value=2026-11-21}, {@code hour_partition_value=13} (no leading zero, as
 * {@code %-H} in the Glue guide) and the four job arguments of the guide's example.
 */
public final class Partitions {

    public static final String DAY_PARTITION_KEY_ARGUMENT = "--day_partition_key";
    public static final String HOUR_PARTITION_KEY_ARGUMENT = "--hour_partition_key";
    public static final String DAY_PARTITION_VALUE_ARGUMENT = "--day_partition_value";
    public static final String HOUR_PARTITION_VALUE_ARGUMENT = "--hour_partition_value";

    private static final DateTimeFormatter HOUR_ID = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH");
    private static final DateTimeFormatter DAY_ID = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final DateTimeFormatter MINUTE_ID = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'")
            .withZone(ZoneOffset.UTC);

    private Partitions() {
    }

    /** The partition a run started for {@code slot} processes. */
    public static Partition forSlot(Workflow workflow, Instant slot) {
        Partitioning partitioning = workflow.partitioning();
        if (partitioning == null) {
            return new Partition(MINUTE_ID.format(slot.truncatedTo(ChronoUnit.MINUTES)), Map.of(), Map.of());
        }
        ZonedDateTime local = slot.atZone(partitioning.timeZone());
        if (partitioning.granularity() == Granularity.HOUR) {
            return hour(partitioning, local.truncatedTo(ChronoUnit.HOURS).plusHours(partitioning.offset())
                    .toLocalDateTime());
        }
        return day(partitioning, local.toLocalDate().plusDays(partitioning.offset()));
    }

    /**
     * The oldest partition the workflow's schedules still start at {@code now}: each SCHEDULED trigger's latest slot
     * and the {@code MaxCatchUpRuns} slots before it (a tick skips anything older). Partition ids of one workflow
     * sort as their times do. Empty for a workflow without a schedule.
     */
    public static Optional<String> oldestCaughtUp(WorkflowDefinition workflow, Instant now) {
        String oldest = null;
        for (Trigger trigger : workflow.triggers()) {
            if (!(trigger instanceof Trigger.Scheduled scheduled)) {
                continue;
            }
            Optional<Instant> slot = scheduled.schedule().latestSlotAtOrBefore(now);
            for (int i = 0; i < scheduled.maxCatchUpRuns() && slot.isPresent(); i++) {
                Optional<Instant> earlier = scheduled.schedule().latestSlotAtOrBefore(
                        slot.get().minus(1, ChronoUnit.MINUTES));
                if (earlier.isEmpty()) {
                    break;
                }
                slot = earlier;
            }
            if (slot.isPresent()) {
                String id = forSlot(workflow.workflow(), slot.get()).id();
                oldest = oldest == null || id.compareTo(oldest) < 0 ? id : oldest;
            }
        }
        return Optional.ofNullable(oldest);
    }

    /**
     * Each partition the workflow's SCHEDULED triggers imply with a slot {@code s}, {@code after < s <= until},
     * mapped to its earliest slot there. Deactivated triggers count: their slots pass without a run.
     */
    public static Map<String, Instant> scheduled(WorkflowDefinition workflow, Instant after, Instant until) {
        Map<String, Instant> slots = new HashMap<>();
        for (Trigger trigger : workflow.triggers()) {
            if (trigger instanceof Trigger.Scheduled scheduled) {
                for (Instant slot : scheduled.schedule().slotsBetween(after, until)) {
                    slots.merge(forSlot(workflow.workflow(), slot).id(), slot, (a, b) -> a.isBefore(b) ? a : b);
                }
            }
        }
        return slots;
    }

    /**
     * The partitions the schedules imply after {@code since} up to one partition past {@code now}, as
     * {@code glueorch partitions --since} and the report show them: the next partition is there, not yet due. Empty
     * for a workflow without Partitioning.
     */
    public static Map<String, Instant> scheduledSince(WorkflowDefinition workflow, Instant since, Instant now) {
        Partitioning partitioning = workflow.workflow().partitioning();
        if (partitioning == null) {
            return Map.of();
        }
        Duration next = partitioning.granularity() == Granularity.HOUR ? Duration.ofHours(1) : Duration.ofDays(1);
        return scheduled(workflow, since, now.plus(next));
    }

    /**
     * When the partition's time begins: its hour or day in the workflow's time zone (UTC for an unpartitioned
     * workflow's minute).
     *
     * @throws IllegalArgumentException as {@link #forId}
     */
    public static Instant startOf(Workflow workflow, String id) {
        String normalised = forId(workflow, id).id();
        Partitioning partitioning = workflow.partitioning();
        if (partitioning == null) {
            return MINUTE_ID.parse(normalised, Instant::from);
        }
        if (partitioning.granularity() == Granularity.HOUR) {
            return LocalDateTime.parse(normalised, HOUR_ID).atZone(partitioning.timeZone()).toInstant();
        }
        return LocalDate.parse(normalised, DAY_ID).atStartOfDay(partitioning.timeZone()).toInstant();
    }

    /**
     * The partition named by its id ({@code 2026-11-21T13} for HOUR, {@code 2026-11-21} for DAY), as an operator
     * or a scenario writes it.
     *
     * @throws IllegalArgumentException naming the expected format
     */
    public static Partition forId(Workflow workflow, String id) {
        Partitioning partitioning = workflow.partitioning();
        try {
            if (partitioning == null) {
                Instant minute = MINUTE_ID.parse(id, Instant::from);
                return new Partition(MINUTE_ID.format(minute), Map.of(), Map.of());
            }
            if (partitioning.granularity() == Granularity.HOUR) {
                return hour(partitioning, LocalDateTime.parse(id, HOUR_ID));
            }
            return day(partitioning, LocalDate.parse(id, DAY_ID));
        } catch (DateTimeParseException e) {
            String format = partitioning == null ? "yyyy-MM-ddTHH:mmZ"
                    : partitioning.granularity() == Granularity.HOUR ? "yyyy-MM-ddTHH" : "yyyy-MM-dd";
            throw new IllegalArgumentException("'" + id + "' is not a partition of workflow '" + workflow.name()
                    + "'; write it as " + format, e);
        }
    }

    /**
     * The partition the data of an event belongs to, as the EVENT trigger's PartitionFrom finds it: the text at its
     * dot path, matched by its pattern, whose {@code day} (yyyy-MM-dd) and, for HOUR, {@code hour} (0 to 23) name
     * the partition itself (no Offset: the data says which partition it is). Empty when the path is missing, the
     * text does not match, or the day or hour is no date or hour.
     */
    public static Optional<Partition> forEvent(Workflow workflow, PartitionFrom from, JsonNode event) {
        JsonNode node = event;
        for (String step : from.path().split("\\.")) {
            node = node == null ? null : node.get(step);
        }
        if (node == null || !node.isValueNode()) {
            return Optional.empty();
        }
        Matcher matcher = from.pattern().matcher(node.asText());
        if (!matcher.find()) {
            return Optional.empty();
        }
        try {
            String dayText = matcher.group(PartitionFrom.DAY_GROUP);
            if (dayText == null) {
                return Optional.empty();
            }
            LocalDate day = LocalDate.parse(dayText, DAY_ID);
            if (workflow.partitioning().granularity() == Granularity.DAY) {
                return Optional.of(day(workflow.partitioning(), day));
            }
            int hour = Integer.parseInt(matcher.group(PartitionFrom.HOUR_GROUP));
            if (hour < 0 || hour > 23) {
                return Optional.empty();
            }
            return Optional.of(hour(workflow.partitioning(), day.atTime(hour, 0)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Every partition from {@code fromId} to {@code toId}, both included, oldest first (hours or days, as the
     * workflow's Partitioning says).
     *
     * @throws IllegalArgumentException for an unpartitioned workflow, a bad id or {@code toId} before {@code fromId}
     */
    public static List<Partition> between(Workflow workflow, String fromId, String toId) {
        Partitioning partitioning = workflow.partitioning();
        if (partitioning == null) {
            throw new IllegalArgumentException("workflow '" + workflow.name() + "' has no Partitioning: there are "
                    + "no partitions to go through");
        }
        Partition from = forId(workflow, fromId);
        Partition to = forId(workflow, toId);
        List<Partition> partitions = new ArrayList<>();
        if (partitioning.granularity() == Granularity.HOUR) {
            LocalDateTime last = LocalDateTime.parse(to.id(), HOUR_ID);
            for (LocalDateTime hour = LocalDateTime.parse(from.id(), HOUR_ID); !hour.isAfter(last);
                 hour = hour.plusHours(1)) {
                partitions.add(hour(partitioning, hour));
            }
        } else {
            LocalDate last = LocalDate.parse(to.id(), DAY_ID);
            for (LocalDate day = LocalDate.parse(from.id(), DAY_ID); !day.isAfter(last); day = day.plusDays(1)) {
                partitions.add(day(partitioning, day));
            }
        }
        if (partitions.isEmpty()) {
            throw new IllegalArgumentException("'" + toId + "' is before '" + fromId + "'");
        }
        return partitions;
    }

    private static Partition hour(Partitioning partitioning, LocalDateTime hour) {
        String day = DAY_ID.format(hour.toLocalDate());
        String hourValue = Integer.toString(hour.getHour());
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(DefinitionValidator.DAY_PARTITION_VALUE, day);
        properties.put(DefinitionValidator.HOUR_PARTITION_VALUE, hourValue);
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put(DAY_PARTITION_KEY_ARGUMENT, partitioning.dayKey());
        arguments.put(HOUR_PARTITION_KEY_ARGUMENT, partitioning.hourKey());
        arguments.put(DAY_PARTITION_VALUE_ARGUMENT, day);
        arguments.put(HOUR_PARTITION_VALUE_ARGUMENT, hourValue);
        return new Partition(HOUR_ID.format(hour), properties, arguments);
    }

    private static Partition day(Partitioning partitioning, LocalDate date) {
        String day = DAY_ID.format(date);
        return new Partition(day, Map.of(DefinitionValidator.DAY_PARTITION_VALUE, day),
                Map.of(DAY_PARTITION_KEY_ARGUMENT, partitioning.dayKey(), DAY_PARTITION_VALUE_ARGUMENT, day));
    }
}
