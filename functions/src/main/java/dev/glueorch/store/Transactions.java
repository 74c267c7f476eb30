package dev.glueorch.store;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Writing transactions, and what a cancelled one says about each of its items. */
final class Transactions {

    /** Attempts of a transaction that only conflicted with concurrent writes of the same items. */
    private static final int CONFLICT_ATTEMPTS = 8;

    private Transactions() {
    }

    /**
     * Writes {@code items} in one transaction. A transaction cancelled only because a concurrent write held one of
     * its items ({@code TransactionConflict}: concurrent moves of a run's actions all update the run's counters) is
     * written again after a short random wait; a failed condition is the caller's answer and is thrown at once.
     *
     * @throws TransactionCanceledException when a condition failed, or conflicts outlasted the attempts
     */
    static void write(DynamoDbClient dynamoDb, List<TransactWriteItem> items) {
        for (int attempt = 1; ; attempt++) {
            try {
                dynamoDb.transactWriteItems(b -> b.transactItems(items));
                return;
            } catch (TransactionCanceledException e) {
                if (attempt >= CONFLICT_ATTEMPTS || !onlyConflicts(e.cancellationReasons())) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    /** Whether the item at {@code index} of the cancelled transaction failed its condition. */
    static boolean failedCondition(List<CancellationReason> reasons, int index) {
        return reasons != null && reasons.size() > index
                && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    /** Whether any item of the cancelled transaction failed its condition. */
    static boolean anyConditionFailed(List<CancellationReason> reasons) {
        return reasons != null && reasons.stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()));
    }

    private static boolean onlyConflicts(List<CancellationReason> reasons) {
        return reasons != null && reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()))
                && !anyConditionFailed(reasons);
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing a transaction", e);
        }
    }
}
