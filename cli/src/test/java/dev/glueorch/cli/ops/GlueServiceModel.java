package dev.glueorch.cli.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Glue's service model as botocore ships it ({@code botocore/data/glue/<version>/service-2.json}, what the AWS CLI
 * and boto3 build their requests and responses from), and a check of a JSON document against one of its shapes.
 */
final class GlueServiceModel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final JsonNode shapes;

    private GlueServiceModel(Path file, JsonNode shapes) {
        this.file = file;
        this.shapes = shapes;
    }

    /**
     * The model of the botocore that {@code python3} imports.
     *
     * @throws IllegalStateException saying what to install when python3 or botocore is missing
     */
    static GlueServiceModel installed() {
        Path botocore = botocoreFolder();
        Path glue = botocore.resolve("data/glue");
        try (Stream<Path> versions = Files.list(glue)) {
            Path latest = versions.filter(Files::isDirectory).max(Path::compareTo).orElseThrow(
                    () -> new IllegalStateException("botocore at " + botocore + " has no Glue model in " + glue));
            Path plain = latest.resolve("service-2.json");
            Path file = Files.exists(plain) ? plain : latest.resolve("service-2.json.gz");
            try (InputStream in = Files.exists(plain) ? Files.newInputStream(plain)
                    : new GZIPInputStream(Files.newInputStream(file))) {
                return new GlueServiceModel(file, JSON.readTree(in).get("shapes"));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read botocore's Glue model under " + glue, e);
        }
    }

    private static Path botocoreFolder() {
        String command = "import botocore, os; print(os.path.dirname(botocore.__file__))";
        String output;
        int exit;
        try {
            Process python = new ProcessBuilder("python3", "-c", command).redirectErrorStream(true).start();
            output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!python.waitFor(60, TimeUnit.SECONDS)) {
                python.destroyForcibly();
                throw new IllegalStateException("python3 -c \"" + command + "\" did not finish within 60 s");
            }
            exit = python.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException("python3 is not on PATH: the shape test reads Glue's service model from "
                    + "botocore; install Python 3 and botocore (pip install botocore, or boto3 / the AWS CLI)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking python3 for botocore", e);
        }
        if (exit != 0) {
            throw new IllegalStateException("python3 cannot import botocore (" + output + "): the shape test reads "
                    + "Glue's service model from it; install it with pip install botocore (or boto3 / the AWS CLI)");
        }
        return Path.of(output);
    }

    Path file() {
        return file;
    }

    /**
     * Every way {@code document} departs from {@code shapeName}: a field the shape has no member of (missing from
     * the model or renamed), a value of the wrong JSON type, a string outside the shape's enum. Each problem names
     * its JSON path; the shapes met on the way are added to {@code visited}.
     */
    List<String> problems(JsonNode document, String shapeName, Set<String> visited) {
        List<String> problems = new ArrayList<>();
        check(document, shapeName, "$", problems, visited);
        return problems;
    }

    /** {@link #problems} without the shapes visited. */
    List<String> problems(JsonNode document, String shapeName) {
        return problems(document, shapeName, new TreeSet<>());
    }

    private void check(JsonNode value, String shapeName, String path, List<String> problems, Set<String> visited) {
        JsonNode shape = shapes.get(shapeName);
        if (shape == null) {
            problems.add(path + ": the model has no shape " + shapeName);
            return;
        }
        visited.add(shapeName);
        String type = shape.get("type").asText();
        switch (type) {
            case "structure" -> {
                if (!expect(value.isObject(), value, "an object (" + shapeName + ")", path, problems)) {
                    return;
                }
                JsonNode members = shape.get("members");
                for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    JsonNode member = members.get(field.getKey());
                    if (member == null) {
                        problems.add(path + "." + field.getKey() + ": " + shapeName + " has no member "
                                + field.getKey() + " (its members: " + names(members) + ")");
                    } else {
                        check(field.getValue(), member.get("shape").asText(), path + "." + field.getKey(), problems,
                                visited);
                    }
                }
            }
            case "list" -> {
                if (expect(value.isArray(), value, "an array (" + shapeName + ")", path, problems)) {
                    for (int i = 0; i < value.size(); i++) {
                        check(value.get(i), shape.get("member").get("shape").asText(), path + "[" + i + "]", problems,
                                visited);
                    }
                }
            }
            case "map" -> {
                if (expect(value.isObject(), value, "an object (map " + shapeName + ")", path, problems)) {
                    String valueShape = shape.get("value").get("shape").asText();
                    value.fields().forEachRemaining(entry -> check(entry.getValue(), valueShape,
                            path + "['" + entry.getKey() + "']", problems, visited));
                }
            }
            case "string" -> {
                if (expect(value.isTextual(), value, "a string (" + shapeName + ")", path, problems)
                        && shape.has("enum") && !contains(shape.get("enum"), value.asText())) {
                    problems.add(path + ": '" + value.asText() + "' is not a " + shapeName + " (one of "
                            + shape.get("enum") + ")");
                }
            }
            case "integer", "long" -> expect(value.isIntegralNumber(), value, "an integer (" + shapeName + ")", path,
                    problems);
            case "double", "float" -> expect(value.isNumber(), value, "a number (" + shapeName + ")", path, problems);
            case "boolean" -> expect(value.isBoolean(), value, "a boolean (" + shapeName + ")", path, problems);
            case "timestamp" -> {
                if (expect(value.isTextual(), value, "an ISO-8601 timestamp string", path, problems)) {
                    try {
                        OffsetDateTime.parse(value.asText());
                    } catch (DateTimeParseException e) {
                        problems.add(path + ": '" + value.asText() + "' is not an ISO-8601 timestamp");
                    }
                }
            }
            default -> problems.add(path + ": shape " + shapeName + " has type " + type + ", which this check does not "
                    + "know");
        }
    }

    private static boolean expect(boolean ok, JsonNode value, String expected, String path, List<String> problems) {
        if (!ok) {
            problems.add(path + ": expected " + expected + ", was " + value.getNodeType() + " " + value);
        }
        return ok;
    }

    private static boolean contains(JsonNode array, String text) {
        for (JsonNode element : array) {
            if (element.asText().equals(text)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> names(JsonNode members) {
        List<String> names = new ArrayList<>();
        members.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
