package dev.glueorch.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.glueorch.testing.DynamoDbLocal;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The handler JVM: started by {@link Benchmark} on the deployment package's class path with the function's
 * environment, it deploys the definitions, drives the warm events through the real handler, measures their floor,
 * then the fan-in and the schedule tick, and writes what it measured as JSON to the file given as argument.
 */
public final class HandlerJvmMain {

    private HandlerJvmMain() {
    }

    public static void main(String[] args) {
        try {
            run(Path.of(args[0]));
        } catch (Exception | Error e) {
            // the stub's and clients' threads would keep a failed JVM alive while the parent waits for it
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(Path out) throws Exception {
        WarmSettings settings = WarmSettings.fromSystemProperties();
        // Glue and EventBridge for this JVM's handler, here so that what it receives is logged with the rest
        AwsStub aws = new AwsStub(URI.create(System.getenv("AWS_ENDPOINT_URL_GLUE")).getPort());
        String table = System.getenv("TABLE_NAME");
        DynamoDbClient dynamoDb = DynamoDbLocal.client(URI.create(System.getenv("AWS_ENDPOINT_URL_DYNAMODB")));
        BenchDefinitions.deploy(dynamoDb, table, BenchDefinitions.of(settings.fanInJobs(), settings.triggers(),
                settings.dueTriggers()));

        Map<String, Object> figures = new LinkedHashMap<>();
        WarmEvents warm = new WarmEvents(dynamoDb, table);
        // memory first, the same events with nothing recorded: the benchmark's record of every request (kept for
        // the floor) is not the handler's, and would be most of the heap
        RequestLog.stop();
        warm.run(settings.warmupRuns() + settings.measuredRuns(), 0);
        figures.put("peakRssMb", peakRssMb());
        RequestLog.start();
        int warmEnd = warm.run(settings.warmupRuns(), settings.measuredRuns());
        RequestLog.stop();
        try (Floor floor = new Floor(URI.create(settings.floorDynamoDbEndpoint()),
                URI.create(System.getenv("AWS_ENDPOINT_URL_GLUE")))) {
            figures.put("events", warm.againstFloor(floor, RequestLog.between(0, warmEnd)));
        }
        figures.put("fanIn", new FanIn(dynamoDb, table).run(settings.fanInJobs(), settings.fanInThreads()));
        figures.put("tick", new TickFigure(dynamoDb, table).run(settings.triggers(), settings.dueTriggers()));
        write(out, figures);
        aws.close();
    }

    /** The resident set's high-water mark of this JVM, from the kernel. */
    static double peakRssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                return Math.round(kb / 102.4) / 10.0;
            }
        }
        throw new IllegalStateException("/proc/self/status has no VmHWM: peak RSS needs Linux");
    }

    private static void write(Path out, Map<String, Object> figures) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), figures);
    }
}
