package dev.glueorch.engine;

import java.util.Set;

/**
 * Which accounts' events the orchestrator acts on. Another orchestrator's "Action Completed" counts only from a
 * trusted account, and only when it says it was published on a bus of that same account; a Glue event from another
 * account counts only from an account the definitions start jobs in (through a RoleArn).
 *
 * @param ownAccount this orchestrator's account, or {@code null} where it is not known (local runs): then Glue
 *                   events are not checked
 */
public record AccountTrust(String ownAccount, Set<String> trustedAccounts) {

    /** Trusts no other orchestrator and checks no Glue event: a single-account deployment, a simulation. */
    public static final AccountTrust SINGLE_ACCOUNT = new AccountTrust(null, Set.of());

    public AccountTrust {
        trustedAccounts = Set.copyOf(trustedAccounts);
    }

    /** Why another orchestrator's event is refused, or {@code null} when it is accepted. */
    public String refusalOf(String account, String eventBusArn) {
        if (!trustedAccounts.contains(account)) {
            return "account " + account + " is not trusted (trusted: " + trustedAccounts + ")";
        }
        String busAccount = eventBusArn == null ? null : accountOfArn(eventBusArn);
        if (!account.equals(busAccount)) {
            return "the event's account " + account + " does not match its sending bus " + eventBusArn;
        }
        return null;
    }

    /** Whether a Glue event from {@code account} may concern a job the orchestrator started. */
    public boolean acceptsGlueEvent(String account, Set<String> remoteActionAccounts) {
        return account == null || ownAccount == null || ownAccount.equals(account)
                || remoteActionAccounts.contains(account);
    }

    private static String accountOfArn(String arn) {
        String[] parts = arn.split(":");
        return parts.length > 4 ? parts[4] : null;
    }
}
