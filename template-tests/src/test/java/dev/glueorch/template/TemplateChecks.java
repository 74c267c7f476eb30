package dev.glueorch.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awscdk.assertions.Template;

/** The checks every synthesized template gets: its cdk-nag suppressions read back, and cfn-lint. */
final class TemplateChecks {

    private TemplateChecks() {
    }

    /** The cdk-nag suppression entries of each resource, by logical ID, as its metadata holds them. */
    static Map<String, List<Map<?, ?>>> nagSuppressions(Template template) {
        Map<String, List<Map<?, ?>>> suppressions = new HashMap<>();
        Map<?, ?> resources = (Map<?, ?>) template.toJSON().get("Resources");
        resources.forEach((logicalId, resource) -> {
            Map<?, ?> metadata = (Map<?, ?>) ((Map<?, ?>) resource).get("Metadata");
            Map<?, ?> nag = metadata == null ? null : (Map<?, ?>) metadata.get("cdk_nag");
            if (nag != null) {
                for (Object entry : (List<?>) nag.get("rules_to_suppress")) {
                    suppressions.computeIfAbsent(logicalId.toString(), id -> new ArrayList<>()).add((Map<?, ?>) entry);
                }
            }
        });
        return suppressions;
    }

    /** The suppressed rule ids of each resource, by logical ID. */
    static Map<String, List<String>> nagSuppressedRules(Template template) {
        Map<String, List<String>> rules = new HashMap<>();
        nagSuppressions(template).forEach((logicalId, entries) -> rules.put(logicalId,
                entries.stream().map(entry -> entry.get("id").toString()).toList()));
        return rules;
    }

    /**
     * Writes the template to {@code target/cfn-lint/<name>.template.json} and asserts that cfn-lint reports nothing.
     * W3005 (DependsOn already implied by a GetAtt) is ignored: CDK's Function always adds a DependsOn on its role
     * beside the Role GetAtt, also in CDK's own custom resource provider; the redundancy is harmless.
     */
    static void assertPassesCfnLint(Template template, String name) throws IOException, InterruptedException {
        Path templateFile = Path.of("target", "cfn-lint", name + ".template.json");
        Files.createDirectories(templateFile.getParent());
        // Without indentation, as the app writes it: cfn-lint also checks the file against the 1 MB template limit
        new ObjectMapper().writeValue(templateFile.toFile(), template.toJSON());
        ProcessBuilder cfnLint = new ProcessBuilder("cfn-lint", "--ignore-checks", "W3005", "--",
                templateFile.toString()).redirectErrorStream(true);

        Process process;
        try {
            process = cfnLint.start();
        } catch (IOException e) {
            fail("cfn-lint is not on the PATH: install it (`pip install cfn-lint`, version 1.x) and rerun; " + e);
            return;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("cfn-lint finished within two minutes").isTrue();
        assertThat(process.exitValue()).as("cfn-lint exit code for %s; its output:%n%s", templateFile, output)
                .isZero();
    }
}
