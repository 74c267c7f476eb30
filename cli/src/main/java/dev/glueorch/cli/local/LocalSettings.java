package dev.glueorch.cli.local;

import java.nio.file.Path;

/**
 * What {@code glueorch local} runs: the workflows folder, an optional scenario (job durations and outcomes), the
 * clock's speed, the ports (0: a free one) and the table and Region the operator commands name.
 */
public record LocalSettings(Path workflows, Path scenario, int speed, int dynamoDbPort, int apiPort, String table,
                            String region) {
}
