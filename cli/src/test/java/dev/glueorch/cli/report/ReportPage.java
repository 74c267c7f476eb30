package dev.glueorch.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A report page as the tests read it: the HTML a command wrote, or the DOM Chromium dumped after the page's script
 * drew it. Elements are found by tag and class and read by their attributes, as a user's browser sees them.
 */
final class ReportPage {

    private static final Pattern ATTRIBUTE = Pattern.compile("([\\w:-]+)=\"([^\"]*)\"");
    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" class=\"report-data\">(.*?)</script>", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();

    final String html;

    ReportPage(String html) {
        this.html = html;
    }

    static ReportPage read(Path file) {
        try {
            return new ReportPage(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The attributes of every {@code tag} element whose class list has {@code className} (any, when {@code null}),
     * in document order.
     */
    List<Map<String, String>> elements(String tag, String className) {
        Matcher start = Pattern.compile("<" + tag + "(\\s[^>]*)?>").matcher(html);
        List<Map<String, String>> found = new ArrayList<>();
        while (start.find()) {
            Map<String, String> attributes = new LinkedHashMap<>();
            Matcher attribute = ATTRIBUTE.matcher(start.group(1) == null ? "" : start.group(1));
            while (attribute.find()) {
                attributes.put(attribute.group(1), unescape(attribute.group(2)));
            }
            if (className == null || Arrays.asList(attributes.getOrDefault("class", "").split(" "))
                    .contains(className)) {
                found.add(attributes);
            }
        }
        return found;
    }

    /** {@code data-state} of each node of the graph, by {@code data-node}. */
    Map<String, String> graphStates() {
        return byAttribute("g", "node", "data-node");
    }

    /** {@code data-state} of each bar of the timeline, by {@code data-job-run-id} (crawls have none). */
    Map<String, String> jobRunStates() {
        return byAttribute("rect", "bar", "data-job-run-id");
    }

    /** An attribute of the {@code <html>} element (the script records its drawing time there). */
    String rootAttribute(String name) {
        List<Map<String, String>> roots = elements("html", null);
        return roots.isEmpty() ? null : roots.get(0).get(name);
    }

    /** The JSON document the timeline is drawn from, of the first workflow. */
    JsonNode data() {
        Matcher data = DATA.matcher(html);
        if (!data.find()) {
            throw new AssertionError("no report-data script in the page");
        }
        try {
            return JSON.readTree(data.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> byAttribute(String tag, String className, String key) {
        Map<String, String> states = new LinkedHashMap<>();
        for (Map<String, String> element : elements(tag, className)) {
            if (element.containsKey(key)) {
                states.put(element.get(key), element.get("data-state"));
            }
        }
        return states;
    }

    private static String unescape(String value) {
        return value.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
