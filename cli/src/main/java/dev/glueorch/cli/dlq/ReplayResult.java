package dev.glueorch.cli.dlq;

/** One dead-letter message and what the replay did with it. */
public record ReplayResult(DeadLetter deadLetter, Outcome outcome) {
}
