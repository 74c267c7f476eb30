package dev.glueorch.bench;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Cold starts as Lambda does them: a fresh JVM runs the Lambda Runtime Interface Client, which loads the handler,
 * takes one event from the {@link RuntimeApiStub} and posts the response. Measured from just before the process
 * starts to the response's arrival; the floor is the same for {@link EmptyHandler}, and {@link DynamoDbHandler} (one
 * GetItem with the SDK) is measured as a reference for what any Java handler that reads DynamoDB pays. Runs
 * alternate, so all see the same machine.
 */
final class ColdStart {

    static final String RUNTIME_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final String HANDLER = "dev.glueorch.handler.GlueEventHandler::handleRequest";
    private static final String EMPTY = EmptyHandler.class.getName() + "::handleRequest";
    private static final String DYNAMO_DB = DynamoDbHandler.class.getName() + "::handleRequest";

    private final HandlerProcess process;
    private final String orchestratorClasspath;
    private final String emptyClasspath;
    private final String dynamoDbClasspath;

    ColdStart(HandlerProcess process, LambdaPackage lambdaPackage, List<Path> runtimeClient, Path benchClasses) {
        this.process = process;
        List<String> client = runtimeClient.stream().map(Path::toString).toList();
        this.orchestratorClasspath = lambdaPackage.classpath() + File.pathSeparator
                + String.join(File.pathSeparator, client);
        this.emptyClasspath = benchClasses + File.pathSeparator + String.join(File.pathSeparator, client);
        this.dynamoDbClasspath = lambdaPackage.classpath() + File.pathSeparator + emptyClasspath;
    }

    Map<String, Object> run(int repetitions, Map<String, String> environment) throws Exception {
        List<Long> orchestrator = new ArrayList<>();
        List<Long> empty = new ArrayList<>();
        List<Long> dynamoDb = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
            orchestrator.add(once(orchestratorClasspath, HANDLER, environment, "cold-start-" + i));
            empty.add(once(emptyClasspath, EMPTY, environment, "cold-start-empty-" + i));
            dynamoDb.add(once(dynamoDbClasspath, DYNAMO_DB, environment, "cold-start-dynamodb-" + i));
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("runs", repetitions);
        figures.put("medianMs", Percentiles.medianMillis(orchestrator));
        figures.put("floorMedianMs", Percentiles.medianMillis(empty));
        figures.put("oneGetItemMedianMs", Percentiles.medianMillis(dynamoDb));
        figures.put("samplesMs", orchestrator.stream().map(n -> n / 1_000_000).toList());
        figures.put("floorSamplesMs", empty.stream().map(n -> n / 1_000_000).toList());
        figures.put("oneGetItemSamplesMs", dynamoDb.stream().map(n -> n / 1_000_000).toList());
        return figures;
    }

    /** One cold start, with a runtime API of its own (a killed process's pending "next" must not take an event). */
    private long once(String classpath, String handler, Map<String, String> environment, String name)
            throws Exception {
        try (RuntimeApiStub runtime = new RuntimeApiStub()) {
            return once(runtime, classpath, handler, environment, name);
        }
    }

    private long once(RuntimeApiStub runtime, String classpath, String handler, Map<String, String> environment,
                      String name) throws Exception {
        CompletableFuture<Long> response = runtime.invoke(GlueEvents.succeeded("bench-a", "jr_" + name));
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("AWS_LAMBDA_RUNTIME_API", runtime.address());
        env.put("_HANDLER", handler);
        long start = System.nanoTime();
        Process child = process.start(classpath, List.of(RUNTIME_CLIENT, handler), env, name);
        try {
            return response.get(1, TimeUnit.MINUTES) - start;
        } finally {
            child.destroyForcibly().waitFor();
        }
    }
}
