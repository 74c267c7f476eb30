package dev.glueorch.testing;

import dev.glueorch.engine.JobLauncher;
import dev.glueorch.engine.StartRejectedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** An in-memory Glue that records every start, and can refuse starts or react to them. */
public final class RecordingJobLauncher implements JobLauncher {

    /** One StartJobRun or StartCrawler that Glue accepted. */
    public record Start(String name, String jobRunId, Map<String, String> arguments) {
    }

    private final List<Start> starts = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, List<StartRejectedException>> refusals = new LinkedHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile Consumer<Start> onStart = start -> { };

    @Override
    public String startJobRun(String jobName, Map<String, String> arguments, Integer timeout,
                              String securityConfiguration, Integer notifyDelayAfter) {
        refuseIfAsked(jobName);
        Start start = new Start(jobName, "jr_" + jobName + "_" + ids.incrementAndGet(), Map.copyOf(arguments));
        starts.add(start);
        onStart.accept(start);
        return start.jobRunId();
    }

    @Override
    public void startCrawler(String crawlerName) {
        refuseIfAsked(crawlerName);
        Start start = new Start(crawlerName, null, Map.of());
        starts.add(start);
        onStart.accept(start);
    }

    /** The next {@code times} starts of {@code name} are refused with {@code errorCode}. */
    public synchronized void refuse(String name, String errorCode, boolean retryable, int times) {
        List<StartRejectedException> list = refusals.computeIfAbsent(name, k -> new ArrayList<>());
        for (int i = 0; i < times; i++) {
            list.add(new StartRejectedException(errorCode, "refused by the test", retryable, null));
        }
    }

    /** Runs {@code action} inside each accepted start, before the start returns (an early event, say). */
    public void onStart(Consumer<Start> action) {
        this.onStart = action;
    }

    public List<Start> starts() {
        synchronized (starts) {
            return List.copyOf(starts);
        }
    }

    public List<Start> startsOf(String name) {
        return starts().stream().filter(s -> s.name().equals(name)).toList();
    }

    private synchronized void refuseIfAsked(String name) {
        List<StartRejectedException> list = refusals.get(name);
        if (list != null && !list.isEmpty()) {
            throw list.remove(0);
        }
    }
}
