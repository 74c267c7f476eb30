package dev.glueorch.store;

import static dev.glueorch.store.RunItems.s;

import dev.glueorch.engine.OrchestratorEvent;
import dev.glueorch.model.NodeType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A notification's claim item, {@code NOTIFICATION#<kind>#<subject> / NOTIFICATION}: it is sent once per key, and
 * keeps the whole notification so that one the bus did not accept can be sent again.
 */
final class NotificationItems {

    private static final String PARTITION_PREFIX = "NOTIFICATION#";
    private static final String SORT_KEY = "NOTIFICATION";
    private static final String NOTIFICATION = "Notification";

    private NotificationItems() {
    }

    static Map<String, AttributeValue> key(String notificationKey) {
        return Map.of(TableDesign.PK, s(PARTITION_PREFIX + notificationKey), TableDesign.SK, s(SORT_KEY));
    }

    static boolean isNotification(Map<String, AttributeValue> item) {
        return item.get(TableDesign.PK).s().startsWith(PARTITION_PREFIX);
    }

    static Map<String, AttributeValue> toItem(OrchestratorEvent.Notification notification, long expiresAt) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(key(notification.key()));
        item.put(RunItems.STARTED_ON, s(notification.time().toString()));
        item.put(TableDesign.TTL_ATTRIBUTE, RunItems.n(expiresAt));
        Map<String, AttributeValue> fields = new LinkedHashMap<>();
        fields.put("Kind", s(notification.kind().name()));
        fields.put("WorkflowName", s(notification.workflowName()));
        optional(fields, "WorkflowRunId", notification.workflowRunId());
        optional(fields, "Partition", notification.partition());
        fields.put("PartitionProperties", RunItems.stringMap(notification.partitionProperties()));
        optional(fields, "Type", notification.type() == null ? null : notification.type().name());
        optional(fields, "Name", notification.name());
        optional(fields, "JobRunId", notification.jobRunId());
        if (notification.lateByMinutes() != null) {
            fields.put("LateByMinutes", RunItems.n(notification.lateByMinutes()));
        }
        optional(fields, "ConsolePath", notification.consolePath());
        fields.put("Message", s(notification.message()));
        fields.put("Time", s(notification.time().toString()));
        fields.put("Subject", s(notification.subject()));
        OrchestratorEvent.Notification.Missing missing = notification.missing();
        if (missing != null) {
            fields.put("Missing", AttributeValue.fromM(Map.of("TriggerName", s(missing.triggerName()),
                    "Slot", s(missing.slot().toString()), "Reason", s(missing.reason().name()),
                    "LastPartition", s(missing.lastPartition()), "LastSlot", s(missing.lastSlot().toString()),
                    "Partitions", RunItems.n(missing.partitions()))));
        }
        item.put(NOTIFICATION, AttributeValue.fromM(fields));
        return item;
    }

    static OrchestratorEvent.Notification fromItem(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> f = item.get(NOTIFICATION).m();
        return new OrchestratorEvent.Notification(OrchestratorEvent.Notification.Kind.valueOf(f.get("Kind").s()),
                f.get("WorkflowName").s(), RunItems.text(f, "WorkflowRunId"), RunItems.text(f, "Partition"),
                RunItems.stringMapFrom(f.get("PartitionProperties")),
                f.containsKey("Type") ? NodeType.valueOf(f.get("Type").s()) : null, RunItems.text(f, "Name"),
                RunItems.text(f, "JobRunId"), f.containsKey("LateByMinutes")
                        ? Long.valueOf(f.get("LateByMinutes").n()) : null,
                RunItems.text(f, "ConsolePath"), f.get("Message").s(), Instant.parse(f.get("Time").s()),
                f.get("Subject").s(), f.containsKey("Missing") ? missing(f.get("Missing").m()) : null);
    }

    private static OrchestratorEvent.Notification.Missing missing(Map<String, AttributeValue> m) {
        return new OrchestratorEvent.Notification.Missing(m.get("TriggerName").s(), Instant.parse(m.get("Slot").s()),
                OrchestratorEvent.Notification.Missing.Reason.valueOf(m.get("Reason").s()),
                m.get("LastPartition").s(), Instant.parse(m.get("LastSlot").s()),
                Integer.parseInt(m.get("Partitions").n()));
    }

    /** Whether the item keeps a whole notification (claims written by earlier versions do not). */
    static boolean hasNotification(Map<String, AttributeValue> item) {
        return item.containsKey(NOTIFICATION);
    }

    private static void optional(Map<String, AttributeValue> fields, String name, String value) {
        if (value != null) {
            fields.put(name, s(value));
        }
    }
}
