package dev.glueorch.cli.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.Trigger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads what interrupts a scenario's schedules: {@code "deactivations": [{"trigger", "from", "to"}]} (an operator
 * deactivating a trigger, then activating it again) and {@code "outages": [{"from", "to"}]} (no schedule running).
 * Each interval lies within the scenario's period and ends after it begins; a trigger's deactivations and the outages
 * do not overlap (an overlap leaves unclear when the trigger is active again or the schedules resume).
 */
final class ScenarioInterruptions {

    private static final Set<String> DEACTIVATION = Set.of("trigger", "from", "to");
    private static final Set<String> OUTAGE = Set.of("from", "to");

    private ScenarioInterruptions() {
    }

    /**
     * @param from the scenario's {@code from}, or {@code null} when it was refused (the period is not checked then)
     */
    static List<Scenario.Deactivation> deactivations(JsonNode node, Instant from, Instant to,
                                                     Collection<Definitions> definitions, String source,
                                                     List<String> errors) {
        List<Scenario.Deactivation> deactivations = new ArrayList<>();
        if (!array(node, "deactivations", "[{\"trigger\": \"sales-start\", \"from\": \"2026-11-22T06:00:00Z\", "
                + "\"to\": \"2026-11-22T10:00:00Z\"}]", source, errors)) {
            return deactivations;
        }
        Set<String> triggers = new TreeSet<>();
        definitions.forEach(each -> each.workflows().values().forEach(workflow -> workflow.triggers().stream()
                .map(Trigger::name).forEach(triggers::add)));
        for (int i = 0; i < node.size(); i++) {
            String path = "deactivations[" + i + "]";
            JsonNode entry = node.get(i);
            if (!object(entry, DEACTIVATION, path, source, errors)) {
                continue;
            }
            JsonNode trigger = entry.get("trigger");
            String name = null;
            if (trigger == null || !trigger.isTextual()) {
                errors.add(source + ": " + path + ".trigger: required, the name of a trigger of the workflows");
            } else if (!triggers.contains(trigger.asText())) {
                errors.add(source + ": " + path + ".trigger: no workflow has a trigger named '" + trigger.asText()
                        + "'; known: " + triggers);
            } else {
                name = trigger.asText();
            }
            Interval interval = interval(entry, path, from, to, source, errors);
            if (name == null || interval == null) {
                continue;
            }
            for (Scenario.Deactivation other : deactivations) {
                if (other.trigger().equals(name) && overlap(interval, other.from(), other.to())) {
                    errors.add(source + ": " + path + ": overlaps the deactivation of trigger '" + name + "' from "
                            + other.from() + " to " + other.to() + "; make them one");
                }
            }
            deactivations.add(new Scenario.Deactivation(name, interval.from(), interval.to()));
        }
        return deactivations;
    }

    static List<Scenario.Outage> outages(JsonNode node, Instant from, Instant to, String source,
                                         List<String> errors) {
        List<Scenario.Outage> outages = new ArrayList<>();
        if (!array(node, "outages", "[{\"from\": \"2026-11-23T02:00:00Z\", \"to\": \"2026-11-23T10:00:00Z\"}]",
                source, errors)) {
            return outages;
        }
        for (int i = 0; i < node.size(); i++) {
            String path = "outages[" + i + "]";
            JsonNode entry = node.get(i);
            if (!object(entry, OUTAGE, path, source, errors)) {
                continue;
            }
            Interval interval = interval(entry, path, from, to, source, errors);
            if (interval == null) {
                continue;
            }
            for (Scenario.Outage other : outages) {
                if (overlap(interval, other.from(), other.to())) {
                    errors.add(source + ": " + path + ": overlaps the outage from " + other.from() + " to "
                            + other.to() + "; make them one");
                }
            }
            outages.add(new Scenario.Outage(interval.from(), interval.to()));
        }
        return outages;
    }

    private record Interval(Instant from, Instant to) {
    }

    private static boolean array(JsonNode node, String field, String example, String source, List<String> errors) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isArray()) {
            errors.add(source + ": " + field + ": must be an array such as " + example);
            return false;
        }
        return true;
    }

    private static boolean object(JsonNode entry, Set<String> fields, String path, String source,
                                  List<String> errors) {
        if (!entry.isObject()) {
            errors.add(source + ": " + path + ": must be an object with " + String.join(", ", new TreeSet<>(fields)));
            return false;
        }
        entry.fieldNames().forEachRemaining(f -> {
            if (!fields.contains(f)) {
                errors.add(source + ": " + path + "." + f + ": unknown field; expected one of "
                        + new TreeSet<>(fields));
            }
        });
        return true;
    }

    /** The entry's {@code [from, to)}, within the period; {@code null} when refused. */
    private static Interval interval(JsonNode entry, String path, Instant periodFrom, Instant periodTo,
                                     String source, List<String> errors) {
        Instant from = instant(entry, "from", path, source, errors);
        Instant to = instant(entry, "to", path, source, errors);
        if (from == null || to == null) {
            return null;
        }
        if (!to.isAfter(from)) {
            errors.add(source + ": " + path + ".to: must be after from (" + from + ")");
            return null;
        }
        if (periodFrom != null && periodTo != null && (from.isBefore(periodFrom) || to.isAfter(periodTo))) {
            errors.add(source + ": " + path + ": " + from + " to " + to + " is not within the scenario's period, "
                    + periodFrom + " to " + periodTo + "; only slots in the period start runs");
            return null;
        }
        return new Interval(from, to);
    }

    private static Instant instant(JsonNode entry, String field, String path, String source, List<String> errors) {
        JsonNode value = entry.get(field);
        if (value == null || !value.isTextual()) {
            errors.add(source + ": " + path + "." + field + ": required, an ISO-8601 UTC time such as "
                    + "2026-11-22T06:00:00Z");
            return null;
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            errors.add(source + ": " + path + "." + field + ": '" + value.asText() + "' is not an ISO-8601 UTC time "
                    + "such as 2026-11-22T06:00:00Z");
            return null;
        }
    }

    private static boolean overlap(Interval interval, Instant from, Instant to) {
        return interval.from().isBefore(to) && from.isBefore(interval.to());
    }
}
