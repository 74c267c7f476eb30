package dev.glueorch.bench;

import dev.glueorch.engine.Statistics;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.handler.GlueEventHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.glue.model.StartJobRunRequest;

/**
 * The fan-in figure: one run of workflow {@code fan-in} starts {@code jobs} jobs (after its seed job); their
 * SUCCEEDED events go through
 * the handler from {@code threads} threads at once. The AND over all of them must start fan-in-merge exactly once.
 */
final class FanIn {

    private static final String SEED = "fan-in-seed";
    private static final String MERGE = "fan-in-merge";

    private final GlueEventHandler handler = new GlueEventHandler();
    private final BenchRuns runs;

    FanIn(DynamoDbClient dynamoDb, String table) {
        runs = new BenchRuns(dynamoDb, table);
    }

    Map<String, Object> run(int jobs, int threads) throws Exception {
        String runId = runs.start(BenchDefinitions.FAN_IN);
        String seed = runs.jobRunIds(BenchDefinitions.FAN_IN, runId).get(SEED);
        Invocation.invoke(handler, GlueEvents.succeeded(SEED, seed));
        ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
        runs.jobRunIds(BenchDefinitions.FAN_IN, runId).forEach((job, id) -> {
            if (job.startsWith("part-")) {
                events.add(GlueEvents.succeeded(job, id));
            }
        });
        RequestLog.start();
        int mark = RequestLog.mark();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                go.await();
                for (String event = events.poll(); event != null; event = events.poll()) {
                    Invocation.invoke(handler, event);
                }
                return null;
            }));
        }
        long start = System.nanoTime();
        go.countDown();
        for (Future<?> future : done) {
            future.get();
        }
        long nanos = System.nanoTime() - start;
        pool.shutdown();
        long merges = RequestLog.since(mark).stream().filter(s -> s.operation().equals("StartJobRun")
                && s.request() instanceof StartJobRunRequest request && request.jobName().equals(MERGE)).count();
        RequestLog.stop();

        WorkflowRun run = runs.run(BenchDefinitions.FAN_IN, runId);
        // the seed and the parts succeeded; the merge runs
        Statistics expected = new Statistics(jobs + 2, 0, 0, 0, jobs + 1, 1, 0, 0);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("jobs", jobs);
        figures.put("threads", threads);
        figures.put("seconds", Math.round(nanos / 1e6) / 1e3);
        figures.put("eventsPerSecond", Math.round(jobs / (nanos / 1e9)));
        figures.put("mergeStarts", merges);
        figures.put("statistics", run.statistics());
        figures.put("statisticsExact", run.statistics().equals(expected));
        return figures;
    }
}
