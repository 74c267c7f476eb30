package dev.glueorch.engine;

import dev.glueorch.model.Action;
import dev.glueorch.model.DefinitionValidator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The arguments a job run is started with: the partition's arguments, then the action's own {@code Arguments}
 * (which win, and replace the job's defaults for this run) with {@code ${name}} replaced by the run property
 * {@code name}, then the action id, by which a run Glue started can be found again after a crash.
 */
public final class ArgumentResolver {

    /** Passed to every job the orchestrator starts; Glue jobs ignore arguments they do not read. */
    public static final String ACTION_ID_ARGUMENT = "--glueorch_action_id";

    private ArgumentResolver() {
    }

    public static Map<String, String> resolve(Action.JobAction action, Partition partition,
                                              Map<String, String> runProperties, String actionId) {
        Map<String, String> arguments = new LinkedHashMap<>(partition == null ? Map.of() : partition.arguments());
        action.arguments().forEach((name, value) -> arguments.put(name, substitute(value, runProperties)));
        arguments.put(ACTION_ID_ARGUMENT, actionId);
        return arguments;
    }

    /**
     * Replaces every {@code ${name}} with the run property; validation guarantees every name is defined, so an
     * unknown one here means the run's properties were changed underneath and is left as written.
     */
    static String substitute(String value, Map<String, String> runProperties) {
        Matcher matcher = DefinitionValidator.PLACEHOLDER.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String replacement = runProperties.getOrDefault(matcher.group(1), matcher.group());
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
