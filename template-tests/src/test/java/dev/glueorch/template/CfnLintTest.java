package dev.glueorch.template;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** cfn-lint (errors, warnings and informational findings) on every template the app synthesizes. */
class CfnLintTest {

    @Test
    void template_shouldPassCfnLint() throws IOException, InterruptedException {
        // GIVEN the template of the test workflows
        SynthesizedStack synthesized = SynthesizedStack.shared();

        // WHEN / THEN cfn-lint reports no error, warning or informational finding
        TemplateChecks.assertPassesCfnLint(synthesized.template, synthesized.stack.getStackName());
    }

    @Test
    void crossAccountTemplate_shouldPassCfnLint() throws IOException, InterruptedException {
        // GIVEN the template with the bus policy, the trusted, remote-job and forward rules, and sts:AssumeRole
        SynthesizedStack synthesized = SynthesizedStack.crossAccount();

        // WHEN / THEN cfn-lint reports nothing either
        TemplateChecks.assertPassesCfnLint(synthesized.template, "CrossAccount" + synthesized.stack.getStackName());
    }

    @Test
    void remoteAccessTemplate_shouldPassCfnLint() throws IOException, InterruptedException {
        // GIVEN the remote-access stack's template
        SynthesizedRemoteAccessStack synthesized = SynthesizedRemoteAccessStack.shared();

        // WHEN / THEN cfn-lint reports nothing either
        TemplateChecks.assertPassesCfnLint(synthesized.template, synthesized.stack.getStackName());
    }
}
