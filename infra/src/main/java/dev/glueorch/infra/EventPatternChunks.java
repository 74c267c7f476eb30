package dev.glueorch.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Splits the values of one pattern field across as many event patterns as EventBridge's pattern length needs, filling
 * each in order: a pattern is never longer than the limit, measured on its JSON text as the service measures it.
 */
final class EventPatternChunks {

    private EventPatternChunks() {
    }

    /**
     * @param values    the field's values in order (names, or {@code {"prefix": ...}} objects)
     * @param pattern   the whole pattern for a part of the values
     * @param maxLength the pattern length limit
     * @return the parts, each non-empty; none when {@code values} is empty
     * @throws IllegalArgumentException when one value alone does not fit
     */
    static List<List<Object>> split(List<?> values, Function<List<Object>, Map<String, Object>> pattern,
                                    int maxLength) {
        List<List<Object>> chunks = new ArrayList<>();
        List<Object> current = new ArrayList<>();
        for (Object value : values) {
            current.add(value);
            if (AwsLimits.jsonLength(pattern.apply(current)) > maxLength) {
                current.remove(current.size() - 1);
                if (current.isEmpty()) {
                    throw new IllegalArgumentException("eventPatternMaxLength: a pattern for " + value + " alone is "
                            + AwsLimits.jsonLength(pattern.apply(List.of(value))) + " characters, over " + maxLength);
                }
                chunks.add(current);
                current = new ArrayList<>(List.of(value));
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }
}
