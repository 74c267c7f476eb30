package dev.glueorch.store;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;

/** What a cancelled TransactWriteItems says about each of its items. */
final class Transactions {

    private Transactions() {
    }

    /** Whether the item at {@code index} of the cancelled transaction failed its condition. */
    static boolean failedCondition(List<CancellationReason> reasons, int index) {
        return reasons != null && reasons.size() > index
                && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }
}
