package dev.glueorch.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Pagination tokens: a query's LastEvaluatedKey (string attributes only, as every key of the table is) as an
 * opaque URL-safe string, the way Glue's NextToken is opaque.
 */
final class PageTokens {

    private PageTokens() {
    }

    static String encode(Map<String, AttributeValue> key) {
        StringBuilder text = new StringBuilder();
        key.forEach((name, value) -> text.append(name).append('\u0000').append(value.s()).append('\u0000'));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, AttributeValue> decode(String token) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + token + "' is not a next token this table gave out", e);
        }
        String[] parts = text.split("\u0000");
        if (parts.length % 2 != 0 || parts.length == 0) {
            throw new IllegalArgumentException("'" + token + "' is not a next token this table gave out");
        }
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i += 2) {
            key.put(parts[i], AttributeValue.fromS(parts[i + 1]));
        }
        return key;
    }
}
