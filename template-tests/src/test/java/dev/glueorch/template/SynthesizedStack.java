package dev.glueorch.template;

import dev.glueorch.infra.GlueOrchestratorApp;
import dev.glueorch.infra.GlueOrchestratorStack;
import dev.glueorch.model.DefinitionLoader;
import dev.glueorch.model.Definitions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

/**
 * The app synthesized the way {@code cdk synth} does it ({@link GlueOrchestratorApp#create}, cdk-nag included), from
 * the test workflows and a stand-in Lambda zip: the template does not depend on the zip's content. Tests get the
 * shared ones of {@link TestApp} as parameters ({@link Synthesized}).
 */
final class SynthesizedStack {

    /** The accounts whose orchestrators {@link TestApp#CROSS_ACCOUNT}'s conditions listen to, trusted. */
    static final List<String> TRUSTED_ACCOUNTS = List.of("111111111111", "333333333333");
    /** The downstream orchestrator {@link TestApp#CROSS_ACCOUNT} sends its "Action Completed" events to. */
    static final String FED_ACCOUNT = "555555555555";

    /** The trust policy of a role that only EventBridge assumes (a rule target's role). */
    static final Object ASSUMED_BY_EVENTBRIDGE_ONLY = Match.objectEquals(Map.of(
            "Version", "2012-10-17",
            "Statement", List.of(Map.of(
                    "Action", "sts:AssumeRole",
                    "Effect", "Allow",
                    "Principal", Map.of("Service", "events.amazonaws.com")))));

    final Definitions definitions;
    final GlueOrchestratorStack stack;
    final Template template;
    final Annotations annotations;

    private SynthesizedStack(Path workflows, Map<String, String> context) {
        this.definitions = new DefinitionLoader().load(workflows);
        App app = app(workflows, context);
        this.stack = GlueOrchestratorApp.create(app);
        this.template = Template.fromStack(stack);
        this.annotations = Annotations.fromStack(stack);
    }

    /** The app's stack synthesized from {@code workflows} with the context values given, anew on each call. */
    static SynthesizedStack of(Path workflows, Map<String, String> context) {
        return new SynthesizedStack(workflows, context);
    }

    /** The template's logical ID of an L2 construct's CloudFormation resource. */
    String logicalId(IConstruct construct) {
        return logicalId(stack, construct);
    }

    /** {@code {"Fn::GetAtt": [logicalId, "Arn"]}}, as the template references a resource's ARN. */
    Map<String, Object> arnOf(IConstruct construct) {
        return arnOf(stack, construct);
    }

    /** {@code {"Ref": logicalId}}. */
    Map<String, Object> refOf(IConstruct construct) {
        return refOf(stack, construct);
    }

    static String logicalId(Stack stack, IConstruct construct) {
        return stack.getLogicalId((CfnElement) construct.getNode().getDefaultChild());
    }

    static Map<String, Object> arnOf(Stack stack, IConstruct construct) {
        return Map.of("Fn::GetAtt", List.of(logicalId(stack, construct), "Arn"));
    }

    static Map<String, Object> refOf(Stack stack, IConstruct construct) {
        return Map.of("Ref", logicalId(stack, construct));
    }

    /** The statements of every IAM policy of {@code template} attached to exactly the role {@code roleRef}. */
    static List<Object> policyStatementsOf(Template template, Map<String, Object> roleRef) {
        List<Object> statements = new ArrayList<>();
        template.findResources("AWS::IAM::Policy", Map.of("Properties", Map.of("Roles", List.of(roleRef))))
                .values().forEach(policy -> statements.addAll(asList(asMap(asMap(policy.get("Properties"))
                        .get("PolicyDocument")).get("Statement"))));
        return statements;
    }

    /** {@code arn:<partition>:iam::<account>:root} as the template spells an account principal. */
    static Map<String, Object> accountRoot(String account) {
        return Map.of("AWS", Map.of("Fn::Join", List.of("", List.of(
                "arn:", Map.of("Ref", "AWS::Partition"), ":iam::" + account + ":root"))));
    }

    /** What an ARN formatted by {@code stack} looks like in its template. */
    static Object resolvedArn(Stack stack, ArnComponents components) {
        return stack.resolve(stack.formatArn(components));
    }

    /** An app whose context points at {@code workflows} and the stand-in Lambda zip. */
    static App app(Path workflows) {
        return app(workflows, Map.of());
    }

    /** As {@link #app(Path)}, with further context values ({@code -c key=value} of {@code cdk synth}). */
    static App app(Path workflows, Map<String, String> moreContext) {
        Map<String, Object> context = new HashMap<>(moreContext);
        context.put("workflows", workflows.toString());
        context.put("lambdaPackage", dummyLambdaPackage().toString());
        return new App(AppProps.builder().context(context).build());
    }

    /** A JSON object of the template, typed for AssertJ. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object jsonObject) {
        return (Map<String, Object>) jsonObject;
    }

    /** A JSON array of the template, typed for AssertJ. */
    @SuppressWarnings("unchecked")
    static List<Object> asList(Object jsonArray) {
        return (List<Object>) jsonArray;
    }

    static Path resource(String name) {
        URL url = SynthesizedStack.class.getResource("/" + name);
        if (url == null) {
            throw new IllegalStateException("test resource missing: " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static synchronized Path dummyLambdaPackage() {
        Path zip = Path.of("target", "test-lambda", "functions.zip").toAbsolutePath();
        if (Files.isRegularFile(zip)) {
            return zip;
        }
        try {
            Files.createDirectories(zip.getParent());
            try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream zipOut = new ZipOutputStream(out)) {
                zipOut.putNextEntry(new ZipEntry("README.txt"));
                zipOut.write("stand-in for functions-lambda.zip in template tests".getBytes(StandardCharsets.UTF_8));
                zipOut.closeEntry();
            }
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
