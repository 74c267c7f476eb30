package dev.glueorch.infra;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;

/**
 * What both sides of a cross-account pipeline agree on: how an account id, an IAM name and an orchestrator's bus ARN
 * look, the names of the function roles a remote account trusts, and the name of the forward role a downstream
 * orchestrator's bus trusts. One place, so the orchestrator stacks and the remote-access stack cannot drift apart.
 */
final class CrossAccount {

    /** An AWS account id: exactly twelve digits, leading zeros included. */
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    /** IAM's role and role-name-prefix characters. */
    private static final Pattern IAM_NAME = Pattern.compile("[\\w+=,.@-]+");
    /**
     * The characters a function role name prefix may have: it also starts EventBridge rule names
     * ({@code <prefix>-glue-j1}, {@code <prefix>-event-<hash>}), which allow letters, digits and {@code ._-} only.
     */
    private static final Pattern NAME_PREFIX = Pattern.compile("[A-Za-z0-9._-]+");
    /** IAM's limit for a role name. */
    private static final int MAX_ROLE_NAME_LENGTH = 64;

    static final String GLUE_EVENT_ROLE_SUFFIX = "glue-event";
    static final String SCHEDULE_TICK_ROLE_SUFFIX = "schedule-tick";
    static final String RECONCILE_ROLE_SUFFIX = "reconcile";
    static final String OPERATIONS_ROLE_SUFFIX = "operations";
    static final String START_WORKER_ROLE_SUFFIX = "start-worker";
    /**
     * The orchestrator's five function roles are named {@code <prefix>-<suffix>}; each starts or stops actions, so a
     * remote account's role trusts all of them.
     */
    static final List<String> FUNCTION_ROLE_NAME_SUFFIXES = List.of(GLUE_EVENT_ROLE_SUFFIX,
            SCHEDULE_TICK_ROLE_SUFFIX, RECONCILE_ROLE_SUFFIX, OPERATIONS_ROLE_SUFFIX, START_WORKER_ROLE_SUFFIX);
    /**
     * The role EventBridge puts the orchestrator's "Action Completed" events on the fed accounts' buses with is named
     * {@code <prefix>-forward}: a downstream bus admits them only from that role ({@code aws:PrincipalArn}).
     */
    static final String FORWARD_ROLE_SUFFIX = "forward";
    /**
     * The Glue access roles of an estate whose exact ARNs outgrow the function roles' policies are named
     * {@code <prefix>-glue-access-<slice>}, slice 0 to {@value #MAX_GLUE_ACCESS_ROLES} - 1: one digit, so that the
     * longest prefix still leaves room.
     */
    static final String GLUE_ACCESS_ROLE_SUFFIX = "glue-access-";
    static final int MAX_GLUE_ACCESS_ROLES = 10;
    /** Every name {@code <prefix>-<suffix>} a prefix must leave room for. */
    private static final List<String> ROLE_NAME_SUFFIXES = List.of(GLUE_EVENT_ROLE_SUFFIX,
            SCHEDULE_TICK_ROLE_SUFFIX, RECONCILE_ROLE_SUFFIX, OPERATIONS_ROLE_SUFFIX, START_WORKER_ROLE_SUFFIX,
            FORWARD_ROLE_SUFFIX, GLUE_ACCESS_ROLE_SUFFIX + (MAX_GLUE_ACCESS_ROLES - 1));

    private CrossAccount() {
    }

    /**
     * The ids, each checked, without duplicates and sorted: the order of a context value must not change the template.
     *
     * @throws IllegalArgumentException naming {@code option} and the first id that is not twelve digits
     */
    static List<String> requireAccountIds(Collection<String> accounts, String option) {
        Objects.requireNonNull(accounts, option);
        accounts.forEach(account -> requireAccountId(account, option));
        return List.copyOf(new TreeSet<>(accounts));
    }

    static String requireAccountId(String account, String option) {
        if (account == null || !ACCOUNT_ID.matcher(account).matches()) {
            throw new IllegalArgumentException(option + ": '" + account + "' is not an AWS account id; give the "
                    + "12 digits, leading zeros included, like 111122223333");
        }
        return account;
    }

    /**
     * Refuses the stack's own account among {@code accounts} when the stack's account is known at synth (an
     * environment-agnostic stack's is a token, resolved only by CloudFormation).
     */
    static void requireNotOwnAccount(Stack stack, Collection<String> accounts, String option, String why) {
        String own = stack.getAccount();
        if (!Token.isUnresolved(own) && accounts.contains(own)) {
            throw new IllegalArgumentException(option + ": '" + own + "' is the account this stack is deployed to; "
                    + why);
        }
    }

    /** @throws IllegalArgumentException when {@code <prefix>-<suffix>} is no IAM role name for some suffix */
    static String requireRoleNamePrefix(String prefix, String option) {
        int room = MAX_ROLE_NAME_LENGTH - ROLE_NAME_SUFFIXES.stream().mapToInt(s -> s.length() + 1).max()
                .orElseThrow();
        if (prefix == null || prefix.isEmpty() || prefix.length() > room || !NAME_PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException(option + ": '" + prefix + "' cannot start the function role names "
                    + functionRoleNames("<prefix>") + " and the EventBridge rule names: give 1 to " + room
                    + " letters, digits and ._- characters (IAM role names are at most " + MAX_ROLE_NAME_LENGTH
                    + " characters, and rule names allow none of IAM's +=,@)");
        }
        return prefix;
    }

    static String requireRoleName(String name, String option) {
        if (name == null || name.isEmpty() || name.length() > MAX_ROLE_NAME_LENGTH
                || !IAM_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(option + ": '" + name + "' is no IAM role name: give 1 to "
                    + MAX_ROLE_NAME_LENGTH + " letters, digits and +=,.@_- characters");
        }
        return name;
    }

    /** {@code <prefix>-glue-event}, {@code -schedule-tick}, {@code -reconcile}, {@code -operations}. */
    static List<String> functionRoleNames(String prefix) {
        return FUNCTION_ROLE_NAME_SUFFIXES.stream().map(suffix -> functionRoleName(prefix, suffix)).toList();
    }

    static String functionRoleName(String prefix, String suffix) {
        return prefix + "-" + suffix;
    }

    /** {@code <prefix>-glue-access-<slice>}, the Glue access role of one slice of the jobs and crawlers. */
    static String glueAccessRoleName(String prefix, int slice) {
        if (slice < 0 || slice >= MAX_GLUE_ACCESS_ROLES) {
            throw new IllegalArgumentException("slice " + slice + " is outside 0 to " + (MAX_GLUE_ACCESS_ROLES - 1));
        }
        return prefix + "-" + GLUE_ACCESS_ROLE_SUFFIX + slice;
    }

    /** {@code <prefix>-forward}, the role an orchestrator forwards its "Action Completed" events with. */
    static String forwardRoleName(String prefix) {
        return prefix + "-" + FORWARD_ROLE_SUFFIX;
    }

    /** {@code arn:<partition>:events:<region>:<account>:event-bus/<name>}, the partition that of {@code stack}. */
    static String eventBusArn(Stack stack, String account, String region, String eventBusName) {
        return stack.formatArn(ArnComponents.builder()
                .service("events")
                .region(region)
                .account(account)
                .resource("event-bus")
                .resourceName(eventBusName)
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                .build());
    }

    /** The ARNs of the roles named {@code names} in {@code account}, the partition that of {@code stack}. */
    static List<String> roleArns(Stack stack, String account, List<String> names) {
        return names.stream().map(name -> stack.formatArn(ArnComponents.builder()
                .service("iam")
                .region("")
                .account(account)
                .resource("role")
                .resourceName(name)
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                .build())).toList();
    }
}
