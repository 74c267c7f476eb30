package dev.glueorch.template;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glueorch.infra.GlueOrchestrator;
import dev.glueorch.infra.GlueOrchestratorProps;
import dev.glueorch.model.DefinitionLoader;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;

/** Account ids, the stack's own account and untrusted upstream accounts, refused before anything is built. */
class CrossAccountValidationTest {

    private static final List<String> NOT_ACCOUNT_IDS = List.of("11111111111", "1111111111111", "11111111111a",
            "arn:aws:iam::111111111111:root", "");

    @Test
    void trustedAccounts_shouldRefuseAnIdThatIsNotTwelveDigits() {
        for (String invalid : NOT_ACCOUNT_IDS) {
            // GIVEN an entry that is no 12-digit account id
            GlueOrchestratorProps.Builder builder = consumerProps().trustedAccounts(List.of("111111111111", invalid));

            // WHEN / THEN the props refuse it, quoting it
            assertThatThrownBy(builder::build)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("trustedAccounts: '" + invalid + "' is not an AWS account id; give the 12 digits, "
                            + "leading zeros included, like 111122223333");
        }
    }

    @Test
    void fedAccounts_shouldRefuseAnIdThatIsNotTwelveDigits() {
        for (String invalid : NOT_ACCOUNT_IDS) {
            // GIVEN an entry that is no 12-digit account id
            GlueOrchestratorProps.Builder builder = producerProps().fedAccounts(List.of(invalid));

            // WHEN / THEN the props refuse it, quoting it
            assertThatThrownBy(builder::build)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("fedAccounts: '" + invalid + "' is not an AWS account id");
        }
    }

    @Test
    void definitions_shouldBeRefusedWhenAConditionNamesAnUntrustedAccount() {
        // GIVEN the consumer, whose condition names the producer's account 111111111111, trusting another account
        GlueOrchestratorProps.Builder builder = consumerProps().trustedAccounts(List.of("333333333333"));

        // WHEN / THEN the props refuse it, naming the workflow file, the account, and how to trust it
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("consumer/orders-consumer.json: a condition names Account '111111111111', "
                        + "which is not in trustedAccounts [333333333333]")
                .hasMessageContaining("-c trustedAccounts=111111111111");
    }

    @Test
    void fedAccounts_shouldRefuseTheStacksOwnAccount() {
        // GIVEN the producer in account 111111111111, told to feed its own account
        Stack stack = stackIn("111111111111");
        GlueOrchestratorProps props = producerProps().fedAccounts(List.of("222222222222", "111111111111")).build();

        // WHEN / THEN the construct refuses it: the bus would forward its own events to itself, forever
        assertThatThrownBy(() -> new GlueOrchestrator(stack, "Orchestrator", props))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("fedAccounts: '111111111111' is the account this stack is deployed to; "
                        + "forwarding the bus's events to itself would loop");
    }

    @Test
    void trustedAccounts_shouldRefuseTheStacksOwnAccount() {
        // GIVEN the producer in account 111111111111, told to trust its own account
        Stack stack = stackIn("111111111111");
        GlueOrchestratorProps props = producerProps().trustedAccounts(List.of("111111111111")).build();

        // WHEN / THEN the construct refuses it
        assertThatThrownBy(() -> new GlueOrchestrator(stack, "Orchestrator", props))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("trustedAccounts: '111111111111' is the account this stack is deployed to");
    }

    @Test
    void roleArn_shouldBeRefusedInTheStacksOwnAccount() {
        // GIVEN fan-in-hourly, whose actions assume roles in 111111111111 and 444444444444, deployed to 444444444444
        Stack stack = stackIn("444444444444");
        GlueOrchestratorProps props = GlueOrchestratorProps.builder()
                .definitions(new DefinitionLoader().load(SynthesizedStack.resource("cross-account-workflows")))
                .lambdaPackage(SynthesizedStack.dummyLambdaPackage())
                .trustedAccounts(SynthesizedStack.TRUSTED_ACCOUNTS)
                .build();

        // WHEN / THEN the construct refuses it: that account's Glue events never reach the orchestrator's bus
        assertThatThrownBy(() -> new GlueOrchestrator(stack, "Orchestrator", props))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("an action's RoleArn: '444444444444' is the account this stack is deployed "
                        + "to; this account's Glue events reach the default bus");
    }

    @Test
    void ownAccount_shouldNotBeCheckedWhenTheStackIsEnvironmentAgnostic() {
        // GIVEN a stack whose account CloudFormation resolves at deploy time
        Stack stack = new Stack(new App(), "Agnostic");
        GlueOrchestratorProps props = producerProps().fedAccounts(List.of("222222222222")).build();

        // WHEN / THEN the construct builds: there is no account to compare with at synth
        assertThatCode(() -> new GlueOrchestrator(stack, "Orchestrator", props)).doesNotThrowAnyException();
    }

    @Test
    void functionRoleNamePrefix_shouldBeRefusedWhenItCannotStartAnIamRoleName() {
        for (String invalid : List.of("", "glue orchestrator", "team/glue", "team+glue", "p".repeat(51))) {
            // GIVEN a prefix that is empty, holds a character IAM refuses (or IAM takes but an EventBridge rule name
            // does not), or leaves no room for "-schedule-tick"
            GlueOrchestratorProps.Builder builder = producerProps().functionRoleNamePrefix(invalid);

            // WHEN / THEN the props refuse it, naming the option and the limit
            assertThatThrownBy(builder::build)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("functionRoleNamePrefix: '" + invalid + "' cannot start the function "
                            + "role names")
                    .hasMessageContaining("give 1 to 50 letters, digits and ._- characters");
        }
    }

    @Test
    void trustedFunctionRoleNamePrefix_shouldBeRefusedWhenItCannotStartTheForwardRoleName() {
        for (String invalid : List.of("", "glue orchestrator", "p".repeat(51))) {
            // GIVEN the trusted orchestrators' prefix, empty, with a character IAM refuses, or too long
            GlueOrchestratorProps.Builder builder = consumerProps().trustedFunctionRoleNamePrefix(invalid);

            // WHEN / THEN the props refuse it, naming the option: no bus policy could name the forward role
            assertThatThrownBy(builder::build)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("trustedFunctionRoleNamePrefix: '" + invalid + "' cannot start");
        }
    }

    private static GlueOrchestratorProps.Builder producerProps() {
        return GlueOrchestratorProps.builder()
                .definitions(new DefinitionLoader().load(SynthesizedStack.resource("cross-account/producer")))
                .lambdaPackage(SynthesizedStack.dummyLambdaPackage());
    }

    private static GlueOrchestratorProps.Builder consumerProps() {
        return GlueOrchestratorProps.builder()
                .definitions(new DefinitionLoader().load(SynthesizedStack.resource("cross-account/consumer")))
                .lambdaPackage(SynthesizedStack.dummyLambdaPackage())
                .trustedAccounts(List.of("111111111111"));
    }

    private static Stack stackIn(String account) {
        return new Stack(new App(), "Orchestrator" + account, StackProps.builder()
                .env(Environment.builder().account(account).region("eu-west-1").build())
                .build());
    }
}
