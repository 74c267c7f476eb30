package dev.glueorch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The measured figures, each target checked against them, as {@code results.json} and a Markdown table. */
final class Results {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One row of the table: what was measured, its floor, the ratio, the target, and whether it is met. */
    /** One line of the table; {@code met} is {@code null} for a reference figure that has no target. */
    record Row(String figure, String measured, String floor, String ratio, String target, Boolean met) {
    }

    private final Size size;
    private final JsonNode figures;
    private final List<Row> rows = new ArrayList<>();

    Results(Size size, Map<String, Object> figures) {
        this.size = size;
        this.figures = JSON.valueToTree(figures);
        rows();
    }

    private void rows() {
        JsonNode cold = figures.path("coldStart");
        ratio("cold start (median, ms)", cold.path("medianMs").asDouble(), cold.path("floorMedianMs").asDouble(),
                2.0);
        reference("cold start against a handler making one DynamoDB GetItem", cold.path("medianMs").asDouble(),
                cold.path("oneGetItemMedianMs").asDouble());
        for (String kind : List.of("nonFiring", "firing")) {
            JsonNode event = figures.path("events").path(kind);
            String name = kind.equals("firing") ? "firing event" : "non-firing event";
            for (String percentile : List.of("p50", "p99")) {
                ratio("warm " + name + " " + percentile + " (ms)", event.path("handler").path(percentile).asDouble(),
                        event.path("floor").path(percentile).asDouble(), 1.25);
            }
            reference("warm " + name + " p50 against the floor with its PutEvents",
                    event.path("handler").path("p50").asDouble(),
                    event.path("floorWithPutEvents").path("p50").asDouble());
            JsonNode requests = event.path("requests");
            // the request budget (README): owner, move, the run read whole, and the outbox's mark; firing adds the
            // claim and the start
            int budget = kind.equals("firing") ? 6 : 4;
            int dynamoDb = requests.path("dynamoDbBesideDefinitions").path("max").asInt();
            rows.add(new Row("DynamoDB requests per " + name + " (beside the pointer check below)",
                    Integer.toString(dynamoDb), "", "", "≤ " + budget, dynamoDb <= budget));
            int definitions = requests.path("definitionsReads").asInt();
            double minutes = event.path("measuredMinutes").asDouble();
            rows.add(new Row("definitions reads over " + requests.path("events").asInt() + " " + name + "s ("
                    + minutes + " min)", Integer.toString(definitions), "", "",
                    "never per event: the pointer at most once a minute", definitions <= Math.ceil(minutes) + 1));
        }
        JsonNode fanIn = figures.path("fanIn");
        rows.add(new Row("fan-in: " + fanIn.path("jobs").asInt() + " SUCCEEDED events from "
                + fanIn.path("threads").asInt() + " threads", fanIn.path("mergeStarts").asInt() + " start, statistics "
                + (fanIn.path("statisticsExact").asBoolean() ? "exact" : "WRONG") + ", "
                + fanIn.path("eventsPerSecond").asInt() + " events/s", "", "", "exactly 1 start, statistics exact",
                fanIn.path("mergeStarts").asInt() == 1 && fanIn.path("statisticsExact").asBoolean()));
        JsonNode tick = figures.path("tick");
        double per100 = tick.path("noneDue").path("dynamoDbRequestsPer100Triggers").asDouble();
        rows.add(new Row("tick, " + tick.path("triggers").asInt() + " SCHEDULED triggers, none due",
                tick.path("noneDue").path("medianMs").asDouble() + " ms, " + tick.path("noneDue")
                .path("dynamoDbRequests").asInt() + " DynamoDB requests", "", "", "≤ 1 request per 100 triggers",
                per100 <= 1.0));
        rows.add(new Row("tick, " + tick.path("due").path("triggers").asInt() + " due",
                tick.path("due").path("ms").asDouble() + " ms, " + tick.path("due").path("jobsStarted").asInt()
                + " jobs started", "", "", "report", tick.path("due").path("jobsStarted").asInt()
                == tick.path("due").path("triggers").asInt()));
        JsonNode burst = figures.path("burst");
        if (!burst.isMissingNode()) {
            double seconds = burst.path("seconds").asDouble();
            double floor = burst.path("floorSeconds").asDouble();
            int duplicates = burst.path("duplicates").asInt();
            int lost = burst.path("lost").asInt() + burst.path("actionsNotRunningInTheTable").asInt();
            rows.add(new Row("burst: " + burst.path("workflows").asInt() + " workflows due at once ("
                    + burst.path("firstActions").asInt() + " first actions), " + burst.path("workers").asInt()
                    + " start workers; Glue answers in " + burst.path("glueLatencyMs").asInt() + " ms, throttles above "
                    + burst.path("glueRatePerSecond").asInt() + "/s (s until every first action started)",
                    format(seconds) + " s, " + duplicates + " duplicates, " + lost + " lost, "
                    + burst.path("throttled").asInt() + " throttled",
                    format(floor), ratioText(seconds, floor), "≤ 1.25× floor, 0 duplicates, 0 lost",
                    ratioOf(seconds, floor) <= 1.25 && duplicates == 0 && lost == 0));
        }
        double packageMb = figures.path("packageMb").asDouble();
        // Lambda's direct-upload limit (the SDK's generated clients are most of the package)
        rows.add(new Row("deployment package (MB, 10⁶ bytes)", Double.toString(packageMb), "", "", "≤ 50",
                packageMb <= 50));
        double rss = figures.path("peakRssMb").asDouble();
        rows.add(new Row("peak RSS of the handler JVM, warm run (MiB)", Double.toString(rss), "", "", "≤ 200",
                rss <= 200));
        JsonNode simulator = figures.path("simulator");
        double seconds = simulator.path("seconds").asDouble();
        double floorSeconds = simulator.path("floorSeconds").asDouble();
        rows.add(new Row("simulator, " + simulator.path("days").asInt() + " days hourly ("
                + simulator.path("workflowRuns").asInt() + " runs; floor: its "
                + simulator.path("dynamoDbRequests").asInt() + " DynamoDB requests sent bare, s)", format(seconds),
                format(floorSeconds), ratioText(seconds, floorSeconds),
                "≤ 20 s", seconds <= 20
                && simulator.path("completed").asInt() == simulator.path("workflowRuns").asInt()));
    }

    private void ratio(String figure, double measured, double floor, double target) {
        rows.add(new Row(figure, format(measured), format(floor), ratioText(measured, floor),
                "≤ " + target + "× floor", ratioOf(measured, floor) <= target));
    }

    private void reference(String figure, double measured, double reference) {
        rows.add(new Row(figure, format(measured), format(reference), ratioText(measured, reference), "reference",
                null));
    }

    /** {@code measured / floor}; NaN (never within a target) when no floor was measured. */
    private static double ratioOf(double measured, double floor) {
        return floor > 0 ? measured / floor : Double.NaN;
    }

    private static String ratioText(double measured, double floor) {
        return format(ratioOf(measured, floor)) + "×";
    }

    /** USD per million events of each kind, and the alternatives. */
    Map<String, Object> cost() {
        CostModel model = new CostModel();
        Map<String, Object> cost = new LinkedHashMap<>();
        for (String kind : List.of("nonFiring", "firing")) {
            JsonNode event = figures.path("events").path(kind);
            JsonNode requests = event.path("requests");
            cost.put(kind, model.perMillion(event.path("handler").path("p50").asDouble(),
                    requests.path("writeUnitsPerEvent").asDouble(), requests.path("readUnitsPerEvent").asDouble(),
                    requests.path("putEventsEntriesPerEvent").asDouble()));
        }
        cost.put("alternatives", model.alternatives());
        return cost;
    }

    void write(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("size", size.name());
        root.put("cores", Runtime.getRuntime().availableProcessors());
        root.put("java", System.getProperty("java.version"));
        root.set("figures", figures);
        root.set("costPerMillionEventsUsd", JSON.valueToTree(cost()));
        root.set("targets", JSON.valueToTree(rows));
        Files.createDirectories(file.toAbsolutePath().getParent());
        JSON.writeValue(file.toFile(), root);
    }

    String table() {
        StringBuilder table = new StringBuilder("| figure | measured | floor (same run) | ratio | target | met |\n"
                + "|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            table.append("| ").append(String.join(" | ", row.figure(), row.measured(), row.floor(), row.ratio(),
                    row.target(), row.met() == null ? "—" : row.met() ? "yes" : "**no**")).append(" |\n");
        }
        Map<String, Object> cost = cost();
        table.append("\nUSD per million job state events: ").append(cost).append('\n');
        return table.toString();
    }

    private static String format(double value) {
        return String.format(java.util.Locale.ROOT, "%.2f", value);
    }
}
