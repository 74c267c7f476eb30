package dev.glueorch.cli.simulate;

import dev.glueorch.engine.DefinitionsSource;
import dev.glueorch.engine.TriggerState;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.Trigger;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * An account's definitions as the simulation's period has them: from the scenario's {@code to} on, every SCHEDULED
 * trigger counts as DEACTIVATED, so that a tick then (which closes expired event batches and retries waiting
 * actions) starts no slot past {@code to}: schedule slots in {@code [from, to)} start runs, and no others.
 */
final class SchedulesEndAtTo implements DefinitionsSource {

    private final DefinitionsSource definitions;
    private final Instant to;
    private final Clock clock;

    SchedulesEndAtTo(DefinitionsSource definitions, Instant to, Clock clock) {
        this.definitions = definitions;
        this.to = to;
        this.clock = clock;
    }

    @Override
    public Definitions current() {
        return definitions.current();
    }

    @Override
    public Definitions version(String version) {
        return definitions.version(version);
    }

    @Override
    public Set<String> deactivatedTriggers() {
        Set<String> deactivated = definitions.deactivatedTriggers();
        if (clock.instant().isBefore(to)) {
            return deactivated;
        }
        Set<String> withSchedules = new HashSet<>(deactivated);
        definitions.current().scheduledTriggers().stream().map(Trigger::name).forEach(withSchedules::add);
        return withSchedules;
    }

    @Override
    public void publish(Definitions published) {
        definitions.publish(published);
    }

    @Override
    public void setTriggerState(String trigger, TriggerState state) {
        definitions.setTriggerState(trigger, state);
    }
}
