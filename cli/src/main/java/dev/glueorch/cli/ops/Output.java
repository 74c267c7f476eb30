package dev.glueorch.cli.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import picocli.CommandLine.Option;

/** {@code --output json|table}, a picocli mixin of every operator command. */
final class Output {

    enum Format { json, table }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table",
            description = "json (exactly the response of Glue's operation of the same name) or table "
                    + "(default: ${DEFAULT-VALUE}).")
    Format format;

    String render(Response response) {
        if (format == Format.table) {
            return response.table();
        }
        try {
            return JSON.writeValueAsString(response.body()) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write maps of strings, numbers and lists as JSON", e);
        }
    }
}
