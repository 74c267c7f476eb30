package dev.glueorch.bus;

import dev.glueorch.engine.OrchestratorEvent;
import java.util.List;

/**
 * What EventBridge did with the events of one {@link EventBridgePublisher#send}: those it accepted, and those it did
 * not, each with the reason. An event not accepted may still have reached the bus (a call whose answer was lost), so
 * a resend can repeat it: consumers drop repeats by the stable id in its detail.
 */
public record Delivery(List<OrchestratorEvent> accepted, List<Failure> failed) {

    public Delivery {
        accepted = List.copyOf(accepted);
        failed = List.copyOf(failed);
    }

    /** Whether EventBridge accepted every event. */
    public boolean allAccepted() {
        return failed.isEmpty();
    }

    /**
     * An event EventBridge did not accept: its error code for the entry ({@code InternalFailure}, ...), the whole
     * call's ({@code AccessDeniedException}, ...), or {@code NoAnswer} when none came back.
     */
    public record Failure(OrchestratorEvent event, String errorCode, String errorMessage) {
    }
}
