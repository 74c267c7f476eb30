package dev.glueorch.cli.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * An SDK response object as the JSON of Glue's API: each member under its wire name (the SDK model's
 * {@code locationName}: {@code Name}, {@code Predicate}, {@code NotifyDelayAfter}), absent members left out. Read from
 * the SDK's own model metadata, so every member Glue answers is there, also those the mapping does not know yet
 * (which it then reports instead of dropping them).
 */
final class ApiShapes {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ApiShapes() {
    }

    /** {@code pojo} (a {@code Workflow}, {@code Trigger}, {@code Job}) as a JSON object. */
    static ObjectNode json(SdkPojo pojo) {
        ObjectNode object = NODES.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            JsonNode value = value(field.getValueOrDefault(pojo));
            if (value != null) {
                object.set(field.locationName(), value);
            }
        }
        return object;
    }

    private static JsonNode value(Object value) {
        if (value == null || value instanceof SdkAutoConstructList || value instanceof SdkAutoConstructMap) {
            // the SDK's stand-in for a list or map the response did not contain
            return null;
        }
        if (value instanceof SdkPojo pojo) {
            return json(pojo);
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Integer number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Long number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Double number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Float number) {
            return NODES.numberNode(number);
        }
        if (value instanceof BigDecimal number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        if (value instanceof Instant instant) {
            return NODES.textNode(instant.toString());
        }
        if (value instanceof SdkBytes bytes) {
            return NODES.textNode(bytes.asUtf8String());
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(element -> array.add(value(element)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((key, element) -> {
                JsonNode member = value(element);
                if (member != null) {
                    object.set(String.valueOf(key), member);
                }
            });
            return object;
        }
        return NODES.textNode(String.valueOf(value));
    }
}
