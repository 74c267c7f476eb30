package dev.glueorch.cli.simulate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.model.CrawlState;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.JobRunState;
import dev.glueorch.model.NodeType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads and checks a scenario file against the definitions it simulates; reports every error at once. */
public final class ScenarioReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TOP = Set.of("from", "to", "jobs", "crawlers", "faults", "accounts",
            "events", "deactivations", "outages");
    private static final java.util.regex.Pattern ACCOUNT = java.util.regex.Pattern.compile("\\d{12}");
    private static final Set<String> BEHAVIOUR = Set.of("durationMinutes", "maxConcurrentRuns",
            "notifyDelayAfterMinutes", "timeoutMinutes", "runs");
    private static final Set<String> FAULTS = Set.of("duplicateEvents", "shuffleEvents", "dropEvents",
            "delayEventsMinutes", "throttleStartJobRun", "crashAfterClaim", "loseStartJobRunAnswer",
            "failStartJobRunBeforeStart", "failPutEvents", "refusePutEventsEntries", "reconcileDuringRetry", "seed");
    private static final Set<JobRunState> JOB_OUTCOMES = Set.of(JobRunState.SUCCEEDED, JobRunState.FAILED,
            JobRunState.TIMEOUT, JobRunState.STOPPED);
    /** Kept as the action states they count as ({@link CrawlState#asActionState()}): CANCELLED is STOPPED. */
    private static final Set<CrawlState> CRAWL_OUTCOMES = CrawlState.LISTENABLE;

    /** Reads a single account's scenario. */
    public Scenario read(Path file, Definitions definitions) {
        return read(file, List.of(definitions));
    }

    /**
     * The accounts a scenario simulates, by 12-digit id, each with the folder (under the workflows folder) of its
     * workflow files: {@code "accounts": {"111111111111": "producer", ...}}. Empty for a single account.
     */
    public Map<String, String> accounts(Path file) {
        String source = file.toString();
        JsonNode node = parse(file).get("accounts");
        Map<String, String> accounts = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return accounts;
        }
        List<String> errors = new ArrayList<>();
        if (!node.isObject() || node.isEmpty()) {
            errors.add(source + ": accounts: must map 12-digit account ids to workflow folders, e.g. "
                    + "{\"111111111111\": \"producer\", \"222222222222\": \"consumer\"}");
        } else {
            node.properties().forEach(entry -> {
                if (!ACCOUNT.matcher(entry.getKey()).matches()) {
                    errors.add(source + ": accounts." + entry.getKey() + ": must be a 12-digit account id");
                } else if (!entry.getValue().isTextual() || entry.getValue().asText().isBlank()) {
                    errors.add(source + ": accounts." + entry.getKey() + ": must name a folder of workflow files");
                } else {
                    accounts.put(entry.getKey(), entry.getValue().asText());
                }
            });
        }
        if (!errors.isEmpty()) {
            throw new ScenarioException(errors);
        }
        return accounts;
    }

    /** Reads a scenario over the workflows of one or several accounts. */
    public Scenario read(Path file, java.util.Collection<Definitions> definitions) {
        String source = file.toString();
        JsonNode root = parse(file);
        java.util.Set<String> jobNames = new java.util.TreeSet<>();
        java.util.Set<String> crawlerNames = new java.util.TreeSet<>();
        for (Definitions each : definitions) {
            jobNames.addAll(each.jobNames());
            each.remoteActionAccounts().forEach(account -> jobNames.addAll(each.remoteJobNames(account)));
            crawlerNames.addAll(each.crawlerNames());
        }
        List<String> errors = new ArrayList<>();
        root.fieldNames().forEachRemaining(f -> {
            if (!TOP.contains(f)) {
                errors.add(source + ": " + f + ": unknown field; expected one of " + TOP);
            }
        });
        Instant from = instant(root, "from", source, errors);
        Instant to = instant(root, "to", source, errors);
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(source + ": to: must be after from");
        }
        List<Scenario.ArrivingEvent> events = ScenarioEvents.read(root.get("events"), from, to, definitions, source,
                errors);
        PeriodPartitions partitions = new PeriodPartitions(definitions, from, to, events);
        Map<String, Scenario.Behaviour> jobs = behaviours(root.get("jobs"), NodeType.JOB, jobNames,
                partitions, source, errors);
        Map<String, Scenario.Behaviour> crawlers = behaviours(root.get("crawlers"), NodeType.CRAWLER,
                crawlerNames, partitions, source, errors);
        Scenario.Faults faults = faults(root.get("faults"), source, errors);
        List<Scenario.Deactivation> deactivations = ScenarioInterruptions.deactivations(root.get("deactivations"),
                from, to, definitions, source, errors);
        List<Scenario.Outage> outages = ScenarioInterruptions.outages(root.get("outages"), from, to, source, errors);
        if (!errors.isEmpty()) {
            throw new ScenarioException(errors);
        }
        return new Scenario(from, to, jobs, crawlers, faults, events, deactivations, outages);
    }

    private static JsonNode parse(Path file) {
        String source = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioException(List.of(source + ": cannot be read (" + e.getMessage() + ")"));
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(List.of(source + ": not valid JSON (line " + e.getLocation().getLineNr()
                    + "): " + e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new ScenarioException(List.of(source + ": expected an object with from, to, jobs and crawlers"));
        }
        return root;
    }

    private static Instant instant(JsonNode root, String field, String source, List<String> errors) {
        JsonNode value = root.get(field);
        if (value == null || !value.isTextual()) {
            errors.add(source + ": " + field + ": required, an ISO-8601 UTC time such as 2026-11-21T00:00:00Z");
            return null;
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            errors.add(source + ": " + field + ": '" + value.asText() + "' is not an ISO-8601 UTC time such as "
                    + "2026-11-21T00:00:00Z");
            return null;
        }
    }

    private static Map<String, Scenario.Behaviour> behaviours(JsonNode node, NodeType type, Set<String> known,
                                                              PeriodPartitions partitions, String source,
                                                              List<String> errors) {
        String kind = type == NodeType.JOB ? "jobs" : "crawlers";
        Map<String, Scenario.Behaviour> result = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return result;
        }
        if (!node.isObject()) {
            errors.add(source + ": " + kind + ": must be an object keyed by name");
            return result;
        }
        node.properties().forEach(entry -> {
            String name = entry.getKey();
            String path = kind + "." + name;
            JsonNode spec = entry.getValue();
            if (!known.contains(name)) {
                errors.add(source + ": " + path + ": no definition starts " + kind.substring(0, kind.length() - 1)
                        + " '" + name + "'; known: " + known);
                return;
            }
            if (!spec.isObject()) {
                errors.add(source + ": " + path + ": must be an object with durationMinutes");
                return;
            }
            spec.fieldNames().forEachRemaining(f -> {
                if (!BEHAVIOUR.contains(f)) {
                    errors.add(source + ": " + path + "." + f + ": unknown field; expected one of " + BEHAVIOUR);
                }
            });
            int duration = wholeNumber(spec, "durationMinutes", path, source, errors, type == NodeType.JOB
                    ? Scenario.DEFAULT_JOB_MINUTES : Scenario.DEFAULT_CRAWL_MINUTES);
            // a crawler runs one crawl at a time; a job is unlimited unless the scenario says otherwise
            Integer max = type == NodeType.CRAWLER ? Integer.valueOf(1) : null;
            if (spec.has("maxConcurrentRuns")) {
                max = wholeNumber(spec, "maxConcurrentRuns", path, source, errors, 1);
            }
            Integer notifyDelayAfter = jobProperty(spec, type, "notifyDelayAfterMinutes", "a NotifyDelayAfter", path,
                    source, errors);
            Integer timeout = jobProperty(spec, type, "timeoutMinutes", "a Timeout", path, source, errors);
            Map<String, Scenario.Outcome> runs = new LinkedHashMap<>();
            JsonNode runsNode = spec.get("runs");
            if (runsNode != null && runsNode.isObject()) {
                runsNode.properties().forEach(run -> {
                    String runPath = path + ".runs." + run.getKey();
                    // a key no run looks up would leave the scripted outcome silently unplayed
                    java.util.Optional<String> notInPeriod = partitions.problem(type, name, run.getKey());
                    if (notInPeriod.isPresent()) {
                        errors.add(source + ": " + runPath + ": " + notInPeriod.get());
                        return;
                    }
                    JobRunState parsed = outcomeState(run.getValue().get("state"), type);
                    if (parsed == null) {
                        errors.add(source + ": " + runPath + ".state: must be one of "
                                + (type == NodeType.JOB ? JOB_OUTCOMES : CRAWL_OUTCOMES));
                        return;
                    }
                    runs.put(run.getKey(), new Scenario.Outcome(parsed,
                            wholeNumber(run.getValue(), "afterMinutes", runPath, source, errors, duration)));
                });
            } else if (runsNode != null && !runsNode.isNull()) {
                errors.add(source + ": " + path + ".runs: must be an object keyed by partition, e.g. "
                        + "{\"2026-11-21T03\": {\"state\": \"FAILED\", \"afterMinutes\": 5}}");
            }
            result.put(name, new Scenario.Behaviour(duration, max, notifyDelayAfter, timeout, runs));
        });
        return result;
    }

    /** A property only jobs have (Glue's crawlers have no NotifyDelayAfter and no Timeout); null when not set. */
    private static Integer jobProperty(JsonNode spec, NodeType type, String field, String what, String path,
                                       String source, List<String> errors) {
        if (!spec.has(field)) {
            return null;
        }
        if (type == NodeType.CRAWLER) {
            errors.add(source + ": " + path + "." + field + ": only jobs have " + what);
            return null;
        }
        return wholeNumber(spec, field, path, source, errors, 1);
    }

    /**
     * A scripted run's state: a job's as Glue's job run states, a crawl's as Glue's crawl states, kept as the action
     * state it counts as; null when it is none a scenario may script.
     */
    private static JobRunState outcomeState(JsonNode state, NodeType type) {
        if (state == null || !state.isTextual()) {
            return null;
        }
        try {
            if (type == NodeType.JOB) {
                JobRunState parsed = JobRunState.valueOf(state.asText());
                return JOB_OUTCOMES.contains(parsed) ? parsed : null;
            }
            CrawlState parsed = CrawlState.valueOf(state.asText());
            return CRAWL_OUTCOMES.contains(parsed) ? parsed.asActionState() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Scenario.Faults faults(JsonNode node, String source, List<String> errors) {
        if (node == null || node.isNull()) {
            return Scenario.Faults.NONE;
        }
        if (!node.isObject()) {
            errors.add(source + ": faults: must be an object such as {\"dropEvents\": 0.05, \"seed\": 7}");
            return Scenario.Faults.NONE;
        }
        node.fieldNames().forEachRemaining(f -> {
            if (!FAULTS.contains(f)) {
                errors.add(source + ": faults." + f + ": unknown field; expected one of " + new TreeSet<>(FAULTS));
            }
        });
        JsonNode shuffle = node.get("shuffleEvents");
        if (shuffle != null && !shuffle.isBoolean()) {
            errors.add(source + ": faults.shuffleEvents: must be true or false");
        }
        JsonNode seed = node.get("seed");
        if (seed != null && !seed.isIntegralNumber()) {
            errors.add(source + ": faults.seed: must be a whole number");
        }
        int delay = node.has("delayEventsMinutes")
                ? wholeNumber(node, "delayEventsMinutes", "faults", source, errors, 0) : 0;
        return new Scenario.Faults(probability(node, "duplicateEvents", source, errors),
                shuffle != null && shuffle.asBoolean(), probability(node, "dropEvents", source, errors), delay,
                probability(node, "throttleStartJobRun", source, errors),
                probability(node, "crashAfterClaim", source, errors),
                probability(node, "loseStartJobRunAnswer", source, errors),
                probability(node, "failStartJobRunBeforeStart", source, errors),
                probability(node, "failPutEvents", source, errors),
                probability(node, "refusePutEventsEntries", source, errors),
                probability(node, "reconcileDuringRetry", source, errors), seed == null ? 0 : seed.asLong());
    }

    private static double probability(JsonNode node, String field, String source, List<String> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() >= 1) {
            errors.add(source + ": faults." + field + ": must be a probability from 0 up to (not including) 1");
            return 0;
        }
        return value.asDouble();
    }

    private static int wholeNumber(JsonNode node, String field, String path, String source, List<String> errors,
                               int fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        int minimum = field.equals("afterMinutes") || field.equals("delayEventsMinutes") ? 0 : 1;
        if (!value.isIntegralNumber() || value.intValue() < minimum) {
            errors.add(source + ": " + path + "." + field + ": must be a whole number"
                    + (minimum == 0 ? " of minutes, 0 or more" : ", at least 1"));
            return fallback;
        }
        return value.intValue();
    }
}
