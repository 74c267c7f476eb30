package dev.glueorch.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.cli.GlueOrch;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OperatorHelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"workflows get", "workflows list", "triggers get", "triggers list", "triggers activate",
        "triggers deactivate", "runs start", "runs get", "runs list", "runs properties", "runs stop",
        "partitions repair"})
    void help_shouldDescribeTheCommandItsOutputConnectionAndExitCodes(String command) {
        // WHEN
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.add("--help");
        StringWriter out = new StringWriter();
        int code = GlueOrch.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                args.toArray(String[]::new));

        // THEN
        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("Usage: glueorch " + command)
                .contains("--output=FORMAT", "--table-name=TABLE", "--region=REGION", "--endpoint-url=URL",
                        "Exit codes:");
    }
}
