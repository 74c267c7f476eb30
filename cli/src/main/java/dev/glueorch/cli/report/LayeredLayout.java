package dev.glueorch.cli.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Places the nodes of a directed graph in columns by depth (the longest path from a node with no incoming edge), as
 * Glue's console reads left to right, and orders each column by the mean place of the nodes feeding it, which keeps
 * most edges from crossing. A cycle cannot make it loop: depths stop growing after as many rounds as there are nodes.
 */
final class LayeredLayout {

    /** Where a node goes: its column and its place in the column. */
    record Place(int layer, int position) {
    }

    private LayeredLayout() {
    }

    /**
     * @param nodes node ids, in the order ties keep
     * @param edges pairs of node ids (source, destination)
     */
    static Map<String, Place> of(List<String> nodes, List<String[]> edges) {
        Map<String, Integer> layers = new LinkedHashMap<>();
        nodes.forEach(n -> layers.put(n, 0));
        for (int round = 0; round < nodes.size(); round++) {
            boolean changed = false;
            for (String[] edge : edges) {
                int deeper = layers.get(edge[0]) + 1;
                if (deeper > layers.get(edge[1]) && deeper < nodes.size()) {
                    layers.put(edge[1], deeper);
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        int depth = layers.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        Map<String, Integer> positions = new HashMap<>();
        Map<String, Place> places = new LinkedHashMap<>();
        for (int layer = 0; layer <= depth; layer++) {
            List<String> column = new ArrayList<>();
            for (String node : nodes) {
                if (layers.get(node) == layer) {
                    column.add(node);
                }
            }
            Map<String, Double> feed = new HashMap<>();
            for (int i = 0; i < column.size(); i++) {
                feed.put(column.get(i), meanFeedingPosition(column.get(i), edges, positions, i));
            }
            column.sort(Comparator.comparingDouble(feed::get));
            for (int i = 0; i < column.size(); i++) {
                positions.put(column.get(i), i);
            }
        }
        nodes.forEach(n -> places.put(n, new Place(layers.get(n), positions.get(n))));
        return places;
    }

    /** The mean place of the already placed nodes with an edge into {@code node}, else its own index. */
    private static double meanFeedingPosition(String node, List<String[]> edges, Map<String, Integer> positions,
                                              int index) {
        return edges.stream().filter(e -> e[1].equals(node) && positions.containsKey(e[0]))
                .mapToInt(e -> positions.get(e[0])).average().orElse(index);
    }
}
