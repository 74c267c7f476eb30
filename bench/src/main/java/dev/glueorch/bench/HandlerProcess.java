package dev.glueorch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a handler JVM as Lambda's Java 17 runtime does for a 512 MB function: C1 only
 * ({@code -XX:TieredStopAtLevel=1}, what the stack sets in {@code JAVA_TOOL_OPTIONS}), the serial collector, a
 * 512 MB memory limit with 85 % of it for the heap (Lambda's split: heap 85 %, metaspace 10 %, code cache 5 %; the
 * JVM's own default would be a quarter), and only the given environment. Its output goes to
 * {@code <logs>/<name>.log}.
 */
final class HandlerProcess {

    static final List<String> JVM_OPTIONS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-XX:MaxRAM=512m", "-XX:MaxHeapSize=445645k", "-Xshare:auto");

    private final Path logs;

    HandlerProcess(Path logs) throws IOException {
        this.logs = Files.createDirectories(logs);
    }

    Process start(String classpath, List<String> mainAndArguments, Map<String, String> environment, String name)
            throws IOException {
        return start(classpath, List.of(), mainAndArguments, environment, name);
    }

    Process start(String classpath, List<String> systemProperties, List<String> mainAndArguments,
                  Map<String, String> environment, String name) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(systemProperties);
        command.add("-cp");
        command.add(classpath);
        command.addAll(mainAndArguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile());
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().putAll(environment);
        return builder.start();
    }

    Path log(String name) {
        return logs.resolve(name + ".log");
    }
}
