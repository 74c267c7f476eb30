package dev.glueorch.cli.ops;

import dev.glueorch.engine.OperationException;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * The outputs of a deployed glue-orchestrator stack (DescribeStacks), where the table and the bus are named: the
 * stack gives them generated names, so the CLI reads them instead of guessing.
 */
final class StackOutputs {

    /** The output of {@code GlueOrchestratorStack} naming the table; a stack without it is not an orchestrator. */
    static final String TABLE_NAME = "TableName";
    static final String EVENT_BUS_NAME = "EventBusName";

    private final String stackName;
    private final Map<String, String> outputs;

    private StackOutputs(String stackName, Map<String, String> outputs) {
        this.stackName = stackName;
        this.outputs = outputs;
    }

    /**
     * Reads the outputs of stack {@code stackName}.
     *
     * @throws OperationException the stack does not exist, has no {@value #TABLE_NAME} output, or may not be read
     */
    static StackOutputs read(CloudFormationClient cloudFormation, String stackName, Region region) {
        Stack stack;
        try {
            stack = cloudFormation.describeStacks(b -> b.stackName(stackName)).stacks().get(0);
        } catch (CloudFormationException e) {
            throw refusal(e, stackName, region);
        }
        Map<String, String> outputs = stack.outputs().stream()
                .collect(Collectors.toMap(Output::outputKey, Output::outputValue, (a, b) -> a));
        if (!outputs.containsKey(TABLE_NAME)) {
            throw new OperationException(OperationException.Kind.NOT_FOUND, "stack " + stackName + " in " + region
                    + " (" + stack.stackStatusAsString() + ") has no output " + TABLE_NAME + ": it is not a "
                    + "glue-orchestrator stack, or not yet deployed; pass the stack that 'cdk deploy' in infra/ "
                    + "created (default GlueOrchestrator)");
        }
        return new StackOutputs(stackName, outputs);
    }

    /** What to tell of an unknown stack or a refused read; any other error is thrown on as it is. */
    private static OperationException refusal(CloudFormationException e, String stackName, Region region) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        // CloudFormation answers an unknown stack with a ValidationError "Stack with id X does not exist"
        if ("ValidationError".equals(code) && e.getMessage().contains("does not exist")) {
            return new OperationException(OperationException.Kind.NOT_FOUND, "stack " + stackName + " not found in "
                    + region + ": pass the name 'cdk deploy' printed (default GlueOrchestrator) with --stack, and "
                    + "its Region with --region");
        }
        if (e.statusCode() == 403 || "AccessDenied".equals(code)) {
            return new OperationException(OperationException.Kind.INVALID_STATE, "not allowed to read stack "
                    + stackName + " in " + region + " (cloudformation:DescribeStacks): grant that permission to "
                    + "your credentials, or pass --table-name (and --event-bus) instead of --stack");
        }
        throw e;
    }

    String tableName() {
        return outputs.get(TABLE_NAME);
    }

    /** The bus the stack created; {@code glue-orchestrator}'s default when an older stack lacks the output. */
    String eventBusName(String whenMissing) {
        return outputs.getOrDefault(EVENT_BUS_NAME, whenMissing);
    }

    String stackName() {
        return stackName;
    }
}
