package dev.glueorch.bench;

import dev.glueorch.handler.GlueEventHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;

/**
 * The warm event figures: runs of {@code bench-pair} started, then for each run bench-a's SUCCEEDED event (fires
 * nothing: the AND waits for bench-b) and bench-b's (fires bench-c) through the real {@link GlueEventHandler}, each
 * timed; then each measured event's requests replayed bare by the {@link Floor}.
 */
final class WarmEvents {

    /** A measured event: its kind, its requests in the log, and how long the handler took. */
    private record Sample(boolean firing, int from, int to, long nanos) {
    }

    private final GlueEventHandler handler = new GlueEventHandler();
    private final BenchRuns runs;
    private final List<Sample> samples = new ArrayList<>();
    private long measuredNanos;

    WarmEvents(DynamoDbClient dynamoDb, String table) {
        runs = new BenchRuns(dynamoDb, table);
    }

    /** Delivers the events of {@code warmup + measured} runs; returns the log mark where the warm run ends. */
    int run(int warmup, int measured) throws IOException {
        List<Map<String, String>> started = new ArrayList<>();
        for (int i = 0; i < warmup + measured; i++) {
            started.add(runs.jobRunIds(BenchDefinitions.PAIR, runs.start(BenchDefinitions.PAIR)));
        }
        long measuredFrom = 0;
        for (int i = 0; i < started.size(); i++) {
            boolean measure = i >= warmup;
            if (i == warmup) {
                measuredFrom = System.nanoTime();
            }
            deliver("bench-a", started.get(i).get("bench-a"), false, measure);
            deliver("bench-b", started.get(i).get("bench-b"), true, measure);
        }
        if (measured > 0) {
            measuredNanos = System.nanoTime() - measuredFrom;
        }
        return RequestLog.mark();
    }

    private void deliver(String job, String jobRunId, boolean firing, boolean measure) throws IOException {
        String event = GlueEvents.succeeded(job, jobRunId);
        int from = RequestLog.mark();
        long start = System.nanoTime();
        Invocation.invoke(handler, event);
        long nanos = System.nanoTime() - start;
        if (measure) {
            samples.add(new Sample(firing, from, RequestLog.mark(), nanos));
        }
    }

    /** Replays the log up to the warm run's end and sets each kind of event against its floor. */
    Map<String, Object> againstFloor(Floor floor, List<RequestLog.Sent> log) {
        long[] replayed = floor.replay(log);
        Map<String, Object> kinds = new LinkedHashMap<>();
        kinds.put("nonFiring", kind(false, log, replayed));
        kinds.put("firing", kind(true, log, replayed));
        return kinds;
    }

    private Map<String, Object> kind(boolean firing, List<RequestLog.Sent> log, long[] replayed) {
        List<Long> handlerNanos = new ArrayList<>();
        List<Long> floorNanos = new ArrayList<>();
        List<Long> floorWithEventsNanos = new ArrayList<>();
        RequestCounts counts = new RequestCounts();
        for (Sample sample : samples) {
            if (sample.firing() != firing) {
                continue;
            }
            handlerNanos.add(sample.nanos());
            long bare = 0;
            long events = 0;
            for (int i = sample.from(); i < sample.to(); i++) {
                if (log.get(i).service().equals("EventBridge")) {
                    events += replayed[i];
                } else {
                    bare += replayed[i];
                }
            }
            floorNanos.add(bare);
            floorWithEventsNanos.add(bare + events);
            counts.add(log.subList(sample.from(), sample.to()));
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("handler", Percentiles.ofNanos(handlerNanos));
        figures.put("floor", Percentiles.ofNanos(floorNanos));
        figures.put("floorWithPutEvents", Percentiles.ofNanos(floorWithEventsNanos));
        figures.put("requests", counts.summary());
        // the definitions pointer is checked at most once a minute: over how many minutes the events came
        figures.put("measuredMinutes", Math.round(measuredNanos / 6e8) / 100.0);
        return figures;
    }

    /** Requests per event by service, and the definitions reads among them. */
    static final class RequestCounts {

        private final Map<String, int[]> minMax = new LinkedHashMap<>();
        /** DynamoDB requests of an event, the once-a-minute definitions pointer check left out. */
        private int[] dynamoDbBesideDefinitions;
        private int events;
        private int definitionsReads;
        private double writeUnits;
        private double readUnits;
        private double eventEntries;

        void add(List<RequestLog.Sent> requests) {
            events++;
            Map<String, Integer> byService = new LinkedHashMap<>(Map.of("DynamoDb", 0, "Glue", 0, "EventBridge", 0));
            int definitionsOfEvent = 0;
            for (RequestLog.Sent sent : requests) {
                byService.merge(sent.service(), 1, Integer::sum);
                if (readsDefinitions(sent)) {
                    definitionsOfEvent++;
                }
                units(sent.operation(), sent.request());
            }
            definitionsReads += definitionsOfEvent;
            int beside = byService.get("DynamoDb") - definitionsOfEvent;
            dynamoDbBesideDefinitions = dynamoDbBesideDefinitions == null ? new int[]{beside, beside}
                    : new int[]{Math.min(dynamoDbBesideDefinitions[0], beside),
                                Math.max(dynamoDbBesideDefinitions[1], beside)};
            byService.forEach((service, count) -> minMax.merge(service, new int[]{count, count},
                    (a, b) -> new int[]{Math.min(a[0], b[0]), Math.max(a[1], b[1])}));
        }

        Map<String, Object> summary() {
            Map<String, Object> summary = new LinkedHashMap<>();
            minMax.forEach((service, range) -> summary.put(service, Map.of("min", range[0], "max", range[1])));
            summary.put("dynamoDbBesideDefinitions", Map.of("min", dynamoDbBesideDefinitions[0],
                    "max", dynamoDbBesideDefinitions[1]));
            summary.put("definitionsReads", definitionsReads);
            summary.put("events", events);
            summary.put("writeUnitsPerEvent", writeUnits / events);
            summary.put("readUnitsPerEvent", readUnits / events);
            summary.put("putEventsEntriesPerEvent", eventEntries / events);
            return summary;
        }

        /** Request units at on-demand prices, for items up to 1 KB (writes) and 4 KB (reads). */
        private void units(String operation, Object request) {
            if (request instanceof TransactWriteItemsRequest transaction) {
                writeUnits += 2.0 * transaction.transactItems().size();
            } else if (request instanceof UpdateItemRequest || request instanceof PutItemRequest
                    || request instanceof DeleteItemRequest) {
                writeUnits += 1;
            } else if (request instanceof GetItemRequest || request instanceof QueryRequest) {
                readUnits += 1;
            } else if (request instanceof BatchGetItemRequest batch) {
                readUnits += batch.requestItems().values().stream().mapToInt(k -> k.keys().size()).sum();
            } else if (request instanceof PutEventsRequest putEvents) {
                eventEntries += putEvents.entries().size();
            }
        }

        private static boolean readsDefinitions(RequestLog.Sent sent) {
            AttributeValue definitions = AttributeValue.fromS("DEFINITIONS");
            if (sent.request() instanceof GetItemRequest get) {
                return definitions.equals(get.key().get("PK"));
            }
            return sent.request() instanceof QueryRequest query
                    && query.expressionAttributeValues().containsValue(definitions);
        }
    }
}
