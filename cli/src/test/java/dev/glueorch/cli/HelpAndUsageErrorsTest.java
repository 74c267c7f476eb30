package dev.glueorch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Help texts say what they mean, and a usage error is the error and one line pointing to --help. */
class HelpAndUsageErrorsTest {

    @Test
    void runsPropertiesHelp_shouldShowThePlaceholderSyntaxActionsUse() {
        // WHEN
        CliRun run = CliRun.of("runs", "properties", "--help");

        // THEN
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("their ${name} arguments").doesNotContain("null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"report", "workflows list", "workflows get", "triggers list", "triggers get", "runs get",
        "runs list", "runs properties", "triggers activate"})
    void helpOfACommandThatPublishesNothing_shouldNotOfferTheEventBus(String command) {
        // WHEN
        CliRun run = CliRun.of((command + " --help").split(" "));

        // THEN
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--table-name=TABLE").doesNotContain("--event-bus");
    }

    @ParameterizedTest
    @ValueSource(strings = {"runs start", "runs stop", "runs resume", "backfill"})
    void helpOfACommandThatPublishesEvents_shouldOfferTheEventBus(String command) {
        // WHEN
        CliRun run = CliRun.of((command + " --help").split(" "));

        // THEN
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--event-bus=NAME");
    }

    @Test
    void usageError_shouldPrintTheErrorWordedOnceAndOneLinePointingToHelp() {
        // WHEN
        CliRun run = CliRun.of("runs", "start", "sales-hourly", "--property", "novalue");

        // THEN
        assertThat(run.exitCode()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(run.err().lines()).containsExactly(
                "Value for option '--property' (KEY=VALUE) should be in KEY=VALUE format but was novalue",
                "Run 'glueorch runs start --help' for its usage.");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void missingParameter_shouldNotPrintTheUsage() {
        // WHEN
        CliRun run = CliRun.of("runs", "properties");

        // THEN
        assertThat(run.exitCode()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(run.err().lines()).containsExactly("Missing required parameters: 'WORKFLOW', 'RUN_ID'",
                "Run 'glueorch runs properties --help' for its usage.");
    }

    @Test
    void unknownCommandWithHelp_shouldSayItIsUnknownSuggestTheClosestAndExit2() {
        // WHEN
        CliRun run = CliRun.of("partitons", "--help");

        // THEN
        assertThat(run.exitCode()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(run.err().lines()).containsExactly("'partitons' is not a glueorch command; did you mean "
                + "'partitions'?", "Run 'glueorch --help' for its commands.");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknownSubcommand_shouldNameTheCommandItIsNotPartOf() {
        // WHEN
        CliRun run = CliRun.of("runs", "lsit");

        // THEN
        assertThat(run.exitCode()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(run.err()).startsWith("'lsit' is not a glueorch runs command")
                .contains("Run 'glueorch runs --help' for its commands.");
    }
}
