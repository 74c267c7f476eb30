package dev.glueorch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.glueorch.testing.DynamoDbLocal;
import dev.glueorch.testing.FreePort;
import dev.glueorch.testing.GeneratedDefinitions;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The performance benchmark: every figure of the README's table, each against its floor measured in the same run
 * on the same machine. {@code bench/run.sh [--size full|small]} builds the deployment package and runs it.
 */
public final class Benchmark {

    /** The function name the handlers run under, in their environment and context. */
    static final String FUNCTION_NAME = "glue-orchestrator-bench";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Size size;
    private final Path lambdaZip;
    private final Path exampleWorkflows;
    private final Path work;

    Benchmark(Size size, Path lambdaZip, Path exampleWorkflows, Path work) {
        this.size = size;
        this.lambdaZip = lambdaZip;
        this.exampleWorkflows = exampleWorkflows;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        Benchmark benchmark = new Benchmark(Size.valueOf(options.get("size")), Path.of(options.get("package")),
                Path.of(options.get("workflows")), Path.of(options.get("work")));
        Path out = Path.of(options.get("out"));
        Results results = switch (options.get("figures")) {
            case "all" -> benchmark.run();
            // one figure, measured again and put in place of its old value among the others of --out
            case "burst" -> benchmark.runOnly("burst", out);
            default -> throw new IllegalArgumentException("--figures is all or burst, was " + options.get("figures"));
        };
        results.write(out);
        System.out.println(results.table());
        System.exit(0);
    }

    Results run() throws Exception {
        LambdaPackage lambdaPackage = LambdaPackage.unpack(lambdaZip, work.resolve("package"));
        HandlerProcess processes = new HandlerProcess(work.resolve("logs"));
        Map<String, Object> figures = new LinkedHashMap<>();
        try (LocalDynamoDb dynamoDb = new LocalDynamoDb(); LocalDynamoDb floorDynamoDb = new LocalDynamoDb();
             AwsStub aws = new AwsStub()) {
            String coldTable = "glueorch-bench-cold";
            try (DynamoDbClient client = DynamoDbLocal.client(dynamoDb.endpoint())) {
                BenchDefinitions.deploy(client, coldTable, BenchDefinitions.of(2, 0, 0));
            }
            ColdStart coldStart = new ColdStart(processes, lambdaPackage, runtimeClientJars(), codeOf(Benchmark.class));
            figures.put("coldStart", coldStart.run(size.coldStarts, environment(coldTable, dynamoDb.endpoint(),
                    aws.endpoint())));
            figures.putAll(handlerJvm(processes, lambdaPackage, dynamoDb.endpoint(), floorDynamoDb.endpoint()));
        }
        figures.put("simulator", new SimulatorFigure().run(exampleWorkflows, size.simulatedDays, work));
        figures.put("packageMb", lambdaPackage.sizeMb());
        figures.put("burst", new BurstFigure().run(size.burstWorkflows));
        return new Results(size, figures);
    }

    /** Measures {@code figure} only; the other figures are those of {@code previous} (if it exists), unchanged. */
    Results runOnly(String figure, Path previous) throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        if (Files.exists(previous)) {
            JSON.readTree(previous.toFile()).path("figures").fields()
                    .forEachRemaining(field -> figures.put(field.getKey(), field.getValue()));
        }
        figures.put(figure, new BurstFigure().run(size.burstWorkflows));
        return new Results(size, figures);
    }

    private Map<String, Object> handlerJvm(HandlerProcess processes, LambdaPackage lambdaPackage, URI dynamoDb,
                                           URI floorDynamoDb) throws Exception {
        WarmSettings settings = new WarmSettings(size.warmupRuns, size.measuredRuns, size.fanInJobs,
                size.fanInThreads, size.triggers, size.dueTriggers, floorDynamoDb.toString());
        Path out = work.resolve("handler-jvm.json");
        Files.deleteIfExists(out);
        String classpath = lambdaPackage.classpath() + File.pathSeparator + codeOf(Benchmark.class)
                + File.pathSeparator + codeOf(GeneratedDefinitions.class);
        List<String> properties = new ArrayList<>(List.of("-Dglueorch.bench.record=true"));
        properties.addAll(List.of(settings.asSystemProperties()));
        // the handler JVM answers its own Glue and EventBridge calls (HandlerJvmMain), to log them in order
        URI ownAws = URI.create("http://127.0.0.1:" + FreePort.find());
        Process child = processes.start(classpath, properties, List.of(HandlerJvmMain.class.getName(),
                out.toString()), environment("glueorch-bench-warm", dynamoDb, ownAws), "handler-jvm");
        if (!child.waitFor(60, TimeUnit.MINUTES) || child.exitValue() != 0 || !Files.exists(out)) {
            child.destroyForcibly();
            throw new IllegalStateException("the handler JVM failed; its output is in "
                    + processes.log("handler-jvm"));
        }
        JsonNode measured = JSON.readTree(out.toFile());
        Map<String, Object> figures = new LinkedHashMap<>();
        measured.fields().forEachRemaining(field -> figures.put(field.getKey(), field.getValue()));
        return figures;
    }

    /** The function's environment as the stack sets it, pointed at the local services. */
    private static Map<String, String> environment(String table, URI dynamoDb, URI aws) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "bench");
        env.put("AWS_SECRET_ACCESS_KEY", "bench");
        env.put("AWS_LAMBDA_FUNCTION_NAME", FUNCTION_NAME);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + FUNCTION_NAME);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "bench");
        env.put("TABLE_NAME", table);
        env.put("EVENT_BUS_NAME", "default");
        env.put("ACCOUNT_ID", "123456789012");
        env.put("POWERTOOLS_SERVICE_NAME", "glue-orchestrator");
        env.put("POWERTOOLS_METRICS_NAMESPACE", "GlueOrchestrator");
        env.put("POWERTOOLS_LOG_LEVEL", "INFO");
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.toString());
        env.put("AWS_ENDPOINT_URL_GLUE", aws.toString());
        env.put("AWS_ENDPOINT_URL_EVENTBRIDGE", aws.toString());
        env.put("AWS_ENDPOINT_URL_STS", aws.toString());
        return env;
    }

    /** The Lambda Runtime Interface Client and what it needs, from this JVM's class path. */
    private static List<Path> runtimeClientJars() {
        List<Path> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("aws-lambda-java-runtime-interface-client")
                    || name.startsWith("aws-lambda-java-serialization") || name.startsWith("aws-lambda-java-core")) {
                jars.add(Path.of(entry));
            }
        }
        if (jars.size() < 3) {
            throw new IllegalStateException("the Lambda Runtime Interface Client is not on the class path: " + jars);
        }
        return jars;
    }

    private static Path codeOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** {@code --name value} pairs with defaults for a run from the project root. */
    static final class Options {

        static Map<String, String> parse(String[] args) {
            Map<String, String> options = new LinkedHashMap<>(Map.of("size", "full", "out", "bench/results.json",
                    "package", "functions/target/functions-0.1.0-SNAPSHOT-lambda.zip",
                    "workflows", "workflows/examples/hourly", "work", "bench/target/bench", "figures", "all"));
            for (int i = 0; i < args.length; i++) {
                String name = args[i].startsWith("--") ? args[i].substring(2) : null;
                if (name != null && name.equals("help")) {
                    System.out.println("bench/run.sh [--size full|small] [--out FILE] [--package ZIP] "
                            + "[--workflows DIR] [--work DIR] [--figures all|burst]\n"
                            + "  --figures burst  measures the top-of-the-hour burst only and keeps the other "
                            + "figures of --out as they are");
                    System.exit(0);
                }
                if (name == null || !options.containsKey(name) || i + 1 >= args.length) {
                    throw new IllegalArgumentException("unknown or incomplete option " + args[i] + "; options: "
                            + options.keySet() + " (see --help)");
                }
                options.put(name, args[++i]);
            }
            return options;
        }
    }
}
