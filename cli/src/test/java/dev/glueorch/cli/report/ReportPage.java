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
    private static final Pattern ROW = Pattern.compile("<tr(\\s[^>]*)?>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern ROW_HEADER = Pattern.compile("<th scope=\"row\"[^>]*>(.*?)</th>");
    private static final Pattern CELL = Pattern.compile("<td(\\s[^>]*)?>(.*?)</td>", Pattern.DOTALL);
    private static final Pattern WORD = Pattern.compile("<i>(.*?)</i>");
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
            Map<String, String> attributes = attributes(start.group(1));
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

    /**
     * A row of the partition grid: its attributes, its partition, and per job column the cell's state (its
     * {@code st-NAME} class's NAME, {@code ""} for an empty cell) and the word a screen reader reads in it.
     */
    record GridRow(Map<String, String> attributes, String partition, List<String> cells, List<String> words) {

        /** The row's run, as an index into the report's runs, or {@code null} when the partition has none. */
        Integer run() {
            return attributes.containsKey("data-run") ? Integer.valueOf(attributes.get("data-run")) : null;
        }

        /** The row's state (a {@code ShownState} name). */
        String state() {
            return attributes.get("data-state");
        }
    }

    /** The rows of the partition grids, in page order; empty when the page has none. */
    List<GridRow> gridRows() {
        List<GridRow> rows = new ArrayList<>();
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            Map<String, String> attributes = attributes(row.group(1));
            if (!attributes.containsKey("data-state")) {
                continue;
            }
            Matcher header = ROW_HEADER.matcher(row.group(2));
            if (!header.find()) {
                throw new AssertionError("a grid row without its partition: " + row.group());
            }
            List<String> cells = new ArrayList<>();
            List<String> words = new ArrayList<>();
            Matcher cell = CELL.matcher(row.group(2));
            while (cell.find()) {
                String className = attributes(cell.group(1)).getOrDefault("class", "");
                if (!className.equals("ps")) {
                    cells.add(className.replace("st-", ""));
                    Matcher word = WORD.matcher(cell.group(2));
                    words.add(word.find() ? word.group(1) : "");
                }
            }
            rows.add(new GridRow(attributes, header.group(1), cells, words));
        }
        return rows;
    }

    /** The job names heading the partition grid's columns. */
    List<String> gridJobs() {
        List<String> jobs = new ArrayList<>();
        elements("th", "job").forEach(th -> jobs.add(th.get("title")));
        return jobs;
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

    private static Map<String, String> attributes(String tagAttributes) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher attribute = ATTRIBUTE.matcher(tagAttributes == null ? "" : tagAttributes);
        while (attribute.find()) {
            attributes.put(attribute.group(1), unescape(attribute.group(2)));
        }
        return attributes;
    }

    private static String unescape(String value) {
        return value.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
