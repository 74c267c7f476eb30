package dev.glueorch.template;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** cfn-lint (errors, warnings and informational findings) on every template the app synthesizes. */
@Synthesized
class CfnLintTest {

    @Test
    void template_shouldPassCfnLint(SynthesizedStack synthesized) throws IOException, InterruptedException {
        // GIVEN the template of the test workflows

        // WHEN / THEN cfn-lint reports no error, warning or informational finding
        TemplateChecks.assertPassesCfnLint(synthesized.template, synthesized.stack.getStackName());
    }

    @Test
    void crossAccountTemplate_shouldPassCfnLint(@Synthesized(TestApp.CROSS_ACCOUNT) SynthesizedStack synthesized)
            throws IOException, InterruptedException {
        // GIVEN the template with the bus policy, the trusted, remote-job and forward rules, and sts:AssumeRole

        // WHEN / THEN cfn-lint reports nothing either
        TemplateChecks.assertPassesCfnLint(synthesized.template, "CrossAccount" + synthesized.stack.getStackName());
    }

    @Test
    void remoteAccessTemplate_shouldPassCfnLint(SynthesizedRemoteAccessStack synthesized)
            throws IOException, InterruptedException {
        // GIVEN the remote-access stack's template

        // WHEN / THEN cfn-lint reports nothing either
        TemplateChecks.assertPassesCfnLint(synthesized.template, synthesized.stack.getStackName());
    }
}
