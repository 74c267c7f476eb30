package dev.glueorch.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CfnLintTest {

    private static Path templateFile;

    @BeforeAll
    static void writeTemplate() throws IOException {
        SynthesizedStack synthesized = SynthesizedStack.shared();
        templateFile = Path.of("target", "cfn-lint", synthesized.stack.getStackName() + ".template.json");
        Files.createDirectories(templateFile.getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValue(templateFile.toFile(), synthesized.template.toJSON());
    }

    @Test
    void template_shouldPassCfnLint() throws IOException, InterruptedException {
        // GIVEN the synthesized template written to target/cfn-lint
        // W3005 (DependsOn already implied by a GetAtt) is ignored: CDK's Function always adds a DependsOn on its
        // role beside the Role GetAtt, also in CDK's own custom resource provider; the redundancy is harmless.
        ProcessBuilder cfnLint = new ProcessBuilder("cfn-lint", "--ignore-checks", "W3005", "--",
                templateFile.toString()).redirectErrorStream(true);

        // WHEN cfn-lint checks it
        Process process;
        try {
            process = cfnLint.start();
        } catch (IOException e) {
            fail("cfn-lint is not on the PATH: install it (`pip install cfn-lint`, version 1.x) and rerun; " + e);
            return;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("cfn-lint finished within two minutes").isTrue();

        // THEN it reports no error, warning or informational finding
        assertThat(process.exitValue()).as("cfn-lint exit code for %s; its output:%n%s", templateFile, output)
                .isZero();
    }
}
