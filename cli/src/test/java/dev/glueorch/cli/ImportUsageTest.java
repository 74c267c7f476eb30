package dev.glueorch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code glueorch import}: one source exactly, options that go with it, and a help that shows the journey. */
class ImportUsageTest {

    @Test
    void noSource_shouldBeAUsageError() {
        // WHEN
        CliRun run = CliRun.of("import");

        // THEN
        assertThat(run.exitCode()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(run.err()).contains("--from-glue", "--from-cloudformation");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void bothSources_shouldBeAUsageError() {
        // WHEN
        CliRun run = CliRun.of("import", "--from-glue", "--from-cloudformation", "stack.yaml");

        // THEN
        assertThat(run.exitCode()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(run.err()).contains("mutually exclusive");
    }

    @Test
    void parameterWithAnAccount_shouldBeAUsageError() {
        // WHEN
        CliRun run = CliRun.of("import", "--from-glue", "--parameter", "Env=prod", "--region", "us-east-1");

        // THEN
        assertThat(run.exitCode()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(run.err().lines()).containsExactly("--parameter goes with --from-cloudformation: an account has "
                + "no template parameters", "Run 'glueorch import --help' for its usage.");
    }

    @Test
    void help_shouldShowTheSourcesTheReportAndExamples() {
        // WHEN
        CliRun run = CliRun.of("import", "--help");

        // THEN
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--from-glue", "--from-cloudformation=FILE", "--parameter=KEY=VALUE",
                "--workflow=NAME", "--partitioning", "--out=DIR", "--force", "NEEDS_DECISION", "\"Findings\"",
                "Examples:", "glueorch import --from-glue --region", "Exit codes:");
    }
}
