package dev.glueorch.cli.simulate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glueorch.contract.EventTriggerInput;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.Trigger;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.event.ruler.GenericMachine;

/**
 * The EventBridge rules a deployment of one account's definitions has for its EVENT triggers, one per trigger on
 * its bus, matched with AWS's own matcher (Event Ruler), and what such a rule hands its target: the event wrapped by
 * the rule's input transformer ({@link EventTriggerInput#inputTemplate}).
 */
final class EventRules {

    /** EventBridge's name of an account's default bus, which an event or trigger without a bus is on. */
    static final String DEFAULT_BUS = "default";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENT_VARIABLE = "<" + EventTriggerInput.EVENT_VARIABLE + ">";

    /** The triggers' rules, by bus. */
    private final Map<String, GenericMachine<Trigger.Event>> buses = new HashMap<>();

    EventRules(Definitions definitions) {
        for (var workflow : definitions.workflows().values()) {
            for (Trigger trigger : workflow.triggers()) {
                if (trigger instanceof Trigger.Event event) {
                    try {
                        buses.computeIfAbsent(bus(event.eventBusName()), b -> new GenericMachine<>())
                                .addRule(event, event.eventPattern());
                    } catch (IOException e) {
                        // the validator checked every pattern with the same matcher
                        throw new IllegalStateException("EventPattern of validated trigger " + event.name()
                                + " is refused by Event Ruler", e);
                    }
                }
            }
        }
    }

    /** The EVENT triggers whose rule matches {@code event} on its bus, in no particular order. */
    List<Trigger.Event> matching(Scenario.ArrivingEvent event) {
        GenericMachine<Trigger.Event> machine = buses.get(bus(event.bus()));
        return machine == null ? List.of() : machine.rulesForJSONEvent(event.event());
    }

    /** The buses the triggers listen on, {@value #DEFAULT_BUS} among them when one listens on the default bus. */
    Set<String> buses() {
        return new TreeSet<>(buses.keySet());
    }

    /**
     * What {@code trigger}'s rule hands the Glue-event function: the input template of the deployed rule with
     * EventBridge's {@code <aws.events.event.json>} replaced by the event (the template's names write {@code <} as
     * {@code \u003c}, so the variable is the only one).
     */
    static ObjectNode delivered(Trigger.Event trigger, Scenario.ArrivingEvent event) {
        String template = EventTriggerInput.inputTemplate(trigger.workflowName(), trigger.name());
        try {
            return (ObjectNode) JSON.readTree(template.replace(EVENT_VARIABLE,
                    JSON.writeValueAsString(event.event())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the input template of trigger " + trigger.name() + " with an event in "
                    + "it is not JSON", e);
        }
    }

    /** A bus name, {@value #DEFAULT_BUS} for none. */
    static String bus(String name) {
        return Objects.requireNonNullElse(name, DEFAULT_BUS);
    }
}
