package dev.glueorch.cli.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glueorch.model.Definitions;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Reads a scenario's {@code events}: the EventBridge events that arrive for EVENT triggers, each at its {@code at}
 * on the default bus or {@code bus}; an S3 object in the compact form ({@code "s3": {"bucket": ..., "key": ...}},
 * made into S3's "Object Created" event as EventBridge delivers it) or a whole event ({@code "event": {...}}, kept as
 * written but for its {@code time}, which is {@code at}).
 */
final class ScenarioEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ENTRY = new TreeSet<>(Set.of("at", "bus", "s3", "event"));
    private static final Set<String> S3 = new TreeSet<>(Set.of("bucket", "key", "size"));
    /** What an event needs for a rule to match it and a batch to count it. */
    private static final List<String> REQUIRED = List.of("id", "source", "detail-type");
    private static final String FORMS = "{\"at\": \"2026-11-21T14:07:00Z\", \"s3\": {\"bucket\": \"partner-drops\", "
            + "\"key\": \"orders/dt=2026-11-21/hr=13/part-0.parquet\"}} or {\"at\": ..., \"event\": {an EventBridge "
            + "event with id, source, detail-type and detail}}";
    /** The size of an S3 object the compact form does not give. */
    static final long DEFAULT_OBJECT_SIZE = 1024;

    private ScenarioEvents() {
    }

    /**
     * The events of {@code node}, by time (ties in the file's order); adds to {@code errors} what is wrong, each with
     * its place ({@code events[2].s3.key}) and what to write instead. {@code from} and {@code to} may be {@code null}
     * (already refused): the period is not checked then.
     */
    static List<Scenario.ArrivingEvent> read(JsonNode node, Instant from, Instant to,
                                             Collection<Definitions> definitions, String source, List<String> errors) {
        List<Scenario.ArrivingEvent> events = new ArrayList<>();
        if (node == null || node.isNull()) {
            return events;
        }
        if (!node.isArray()) {
            errors.add(source + ": events: must be an array of events, each " + FORMS);
            return events;
        }
        Set<String> buses = new TreeSet<>();
        definitions.forEach(each -> buses.addAll(new EventRules(each).buses()));
        for (int i = 0; i < node.size(); i++) {
            String path = "events[" + i + "]";
            Scenario.ArrivingEvent event = entry(node.get(i), path, from, to, buses, source, errors);
            if (event != null) {
                events.add(event);
            }
        }
        events.sort(Comparator.comparing(Scenario.ArrivingEvent::at));
        return events;
    }

    private static Scenario.ArrivingEvent entry(JsonNode entry, String path, Instant from, Instant to,
                                                Set<String> buses, String source, List<String> errors) {
        if (!entry.isObject()) {
            errors.add(source + ": " + path + ": must be an object, " + FORMS);
            return null;
        }
        int before = errors.size();
        entry.fieldNames().forEachRemaining(f -> {
            if (!ENTRY.contains(f)) {
                errors.add(source + ": " + path + "." + f + ": unknown field; expected one of " + ENTRY);
            }
        });
        Instant at = at(entry.get("at"), path, from, to, source, errors);
        String bus = bus(entry.get("bus"), path, buses, source, errors);
        JsonNode s3 = entry.get("s3");
        JsonNode whole = entry.get("event");
        ObjectNode event = null;
        if (s3 == null && whole == null) {
            errors.add(source + ": " + path + ": give the event, as s3 (an S3 object that was created: {\"bucket\": "
                    + "..., \"key\": ...}) or as event (a whole EventBridge event)");
        } else if (s3 != null && whole != null) {
            errors.add(source + ": " + path + ": give either s3 or event, not both: one entry is one event");
        } else if (s3 != null) {
            event = s3Object(s3, path + ".s3", at, source, errors);
        } else {
            event = whole(whole, path + ".event", at, source, errors);
        }
        return errors.size() > before || event == null ? null : new Scenario.ArrivingEvent(at, bus, event);
    }

    private static Instant at(JsonNode value, String path, Instant from, Instant to, String source,
                              List<String> errors) {
        if (value == null || !value.isTextual()) {
            errors.add(source + ": " + path + ".at: required, when the event arrives: an ISO-8601 UTC time such as "
                    + "2026-11-21T14:07:00Z");
            return null;
        }
        Instant at;
        try {
            at = Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            errors.add(source + ": " + path + ".at: '" + value.asText() + "' is not an ISO-8601 UTC time such as "
                    + "2026-11-21T14:07:00Z");
            return null;
        }
        if (from != null && to != null && (at.isBefore(from) || !at.isBefore(to))) {
            errors.add(source + ": " + path + ".at: " + at + " is outside the period: events arrive from " + from
                    + " (included) to " + to + " (excluded); move it or widen from/to");
        }
        // EventBridge times have whole seconds
        return at.truncatedTo(ChronoUnit.SECONDS);
    }

    private static String bus(JsonNode value, String path, Set<String> buses, String source, List<String> errors) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            errors.add(source + ": " + path + ".bus: must be the name of an event bus (leave bus out for the default "
                    + "bus)");
            return null;
        }
        String bus = value.asText();
        if (!buses.contains(EventRules.bus(bus))) {
            // an event on a bus no rule is on would silently start nothing
            errors.add(source + ": " + path + ".bus: no EVENT trigger listens on bus '" + bus + "'"
                    + (buses.isEmpty() ? ": the workflows have no EVENT trigger"
                    : "; their buses (EventBusName, '" + EventRules.DEFAULT_BUS + "' when left out): " + buses));
        }
        return bus.equals(EventRules.DEFAULT_BUS) ? null : bus;
    }

    /**
     * S3's "Object Created" event as EventBridge delivers it (the shape of {@code events/s3-object-created.json}),
     * for the account a single-account simulation runs in. Its id derives from the bucket, key and time: the same
     * object listed twice at the same time is one event delivered twice.
     */
    private static ObjectNode s3Object(JsonNode s3, String path, Instant at, String source, List<String> errors) {
        if (!s3.isObject()) {
            errors.add(source + ": " + path + ": must be an object such as {\"bucket\": \"partner-drops\", \"key\": "
                    + "\"orders/dt=2026-11-21/hr=13/part-0.parquet\"}");
            return null;
        }
        s3.fieldNames().forEachRemaining(f -> {
            if (!S3.contains(f)) {
                errors.add(source + ": " + path + "." + f + ": unknown field; expected one of " + S3);
            }
        });
        String bucket = text(s3, "bucket", path, "the bucket's name, e.g. \"partner-drops\"", source, errors);
        String key = text(s3, "key", path, "the object's key, e.g. \"orders/dt=2026-11-21/hr=13/part-0.parquet\"",
                source, errors);
        JsonNode sizeNode = s3.get("size");
        long size = DEFAULT_OBJECT_SIZE;
        if (sizeNode != null && (!sizeNode.isIntegralNumber() || sizeNode.asLong() < 0)) {
            errors.add(source + ": " + path + ".size: must be the object's size in bytes, a whole number, 0 or more");
        } else if (sizeNode != null) {
            size = sizeNode.asLong();
        }
        if (bucket == null || key == null || at == null) {
            return null;
        }
        UUID id = UUID.nameUUIDFromBytes(("s3://" + bucket + "/" + key + "@" + at).getBytes(StandardCharsets.UTF_8));
        String hex = id.toString().replace("-", "");
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", id.toString());
        event.put("detail-type", "Object Created");
        event.put("source", "aws.s3");
        event.put("account", GlueEventJson.ACCOUNT);
        event.put("time", at.toString());
        event.put("region", GlueEventJson.REGION);
        event.putArray("resources").add("arn:aws:s3:::" + bucket);
        ObjectNode detail = event.putObject("detail");
        detail.put("version", "0");
        detail.putObject("bucket").put("name", bucket);
        ObjectNode object = detail.putObject("object");
        object.put("key", key);
        object.put("size", size);
        object.put("etag", hex);
        object.put("sequencer", String.format(Locale.ROOT, "%016X", at.toEpochMilli()));
        detail.put("request-id", hex.substring(0, 16).toUpperCase(Locale.ROOT));
        detail.put("requester", GlueEventJson.ACCOUNT);
        detail.put("source-ip-address", "10.0.0.1");
        detail.put("reason", "PutObject");
        return event;
    }

    /**
     * A whole event, with {@code time} set to {@code at} and the envelope fields EventBridge always delivers
     * ({@code version}, {@code account}, {@code region}, {@code resources}, {@code detail}) added when left out.
     */
    private static ObjectNode whole(JsonNode node, String path, Instant at, String source, List<String> errors) {
        if (!node.isObject()) {
            errors.add(source + ": " + path + ": must be an EventBridge event, an object with id, source, "
                    + "detail-type and detail");
            return null;
        }
        int before = errors.size();
        for (String field : REQUIRED) {
            text(node, field, path, field.equals("id") ? "the event's id, which its batch counts once"
                    : "what the triggers' EventPattern matches", source, errors);
        }
        JsonNode detail = node.get("detail");
        if (detail != null && !detail.isObject()) {
            errors.add(source + ": " + path + ".detail: must be an object, as EventBridge's detail always is");
        }
        if (errors.size() > before || at == null) {
            return null;
        }
        ObjectNode event = ((ObjectNode) node).deepCopy();
        event.put("time", at.toString());
        if (!event.has("version")) {
            event.put("version", "0");
        }
        if (!event.has("account")) {
            event.put("account", GlueEventJson.ACCOUNT);
        }
        if (!event.has("region")) {
            event.put("region", GlueEventJson.REGION);
        }
        if (!event.has("resources")) {
            event.putArray("resources");
        }
        if (detail == null) {
            event.putObject("detail");
        }
        return event;
    }

    private static String text(JsonNode node, String field, String path, String what, String source,
                               List<String> errors) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            errors.add(source + ": " + path + "." + field + ": required, " + what);
            return null;
        }
        return value.asText();
    }
}
