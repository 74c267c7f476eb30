package dev.glueorch.cli.report;

import dev.glueorch.model.NodeType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The workflow graph as inline SVG, top to bottom (a row per layer, so that a deep pipeline fits a laptop's or a
 * phone's width): a box per node, a curve per edge between neighbouring rows, and an edge that skips rows (or
 * goes back) routed along a channel of its own right of the nodes, so that it never crosses a box. The states a
 * condition waits for are written on its edge. Each node carries {@code data-node} (its {@code UniqueId}) and
 * {@code data-state}, and shows its state as an icon and a word as well as a colour.
 */
final class GraphSvg {

    static final int NODE_WIDTH = 190;
    static final int NODE_HEIGHT = 46;
    private static final int GAP_X = 22;
    private static final int GAP_Y = 48;
    private static final int MARGIN = 12;
    private static final int CHANNEL_SPACING = 12;
    /** How far below or above a row a channel edge turns; three levels keep parallel segments apart. */
    private static final int[] TURN = {10, 22, 34};
    /** Longer names and details are cut, with the whole of them in the node's tooltip. */
    private static final int NAME_CHARACTERS = 24;
    private static final int DETAIL_CHARACTERS = 18;

    private GraphSvg() {
    }

    static String render(ReportGraph graph, List<ShownState> states) {
        Map<String, GraphNode> byId = new HashMap<>();
        graph.nodes().forEach(n -> byId.put(n.id().toString(), n));
        int rows = graph.nodes().stream().mapToInt(GraphNode::layer).max().orElse(0) + 1;
        int[] perRow = new int[rows];
        graph.nodes().forEach(n -> perRow[n.layer()]++);
        int columns = Arrays.stream(perRow).max().orElse(1);
        int nodesWidth = columns * NODE_WIDTH + (columns - 1) * GAP_X;
        Map<String, int[]> corners = new HashMap<>();
        for (GraphNode node : graph.nodes()) {
            int rowWidth = perRow[node.layer()] * (NODE_WIDTH + GAP_X) - GAP_X;
            corners.put(node.id().toString(), new int[]{MARGIN + (nodesWidth - rowWidth) / 2
                + node.position() * (NODE_WIDTH + GAP_X), MARGIN + node.layer() * (NODE_HEIGHT + GAP_Y)});
        }
        List<GraphEdge> channelled = graph.edges().stream().filter(e -> !adjacent(byId, e)).toList();
        int width = 2 * MARGIN + nodesWidth + (channelled.isEmpty() ? 0 : 8 + channelled.size() * CHANNEL_SPACING);
        int height = 2 * MARGIN + rows * NODE_HEIGHT + (rows - 1) * GAP_Y;
        Ports ports = new Ports(graph.edges(), corners);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg class=\"graph\" role=\"img\" aria-label=\"workflow graph\" "
                + "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">", width, height, width, height));
        StringBuilder labels = new StringBuilder();
        for (GraphEdge edge : graph.edges()) {
            int[] from = ports.out(edge);
            int[] to = ports.in(edge);
            int channel = channelled.indexOf(edge);
            int[] labelAt;
            String path;
            if (channel < 0) {
                int bend = GAP_Y / 2;
                path = String.format(Locale.ROOT, "M%d %d C%d %d %d %d %d %d", from[0], from[1], from[0],
                        from[1] + bend, to[0], to[1] - bend, to[0], to[1] - 2);
                labelAt = new int[]{(from[0] + to[0]) / 2, (from[1] + to[1]) / 2 + 3};
            } else {
                int x = MARGIN + nodesWidth + 8 + channel * CHANNEL_SPACING;
                int down = from[1] + TURN[channel % TURN.length];
                int up = to[1] - TURN[channel % TURN.length];
                path = String.format(Locale.ROOT, "M%d %d V%d H%d V%d H%d V%d", from[0], from[1], down, x, up,
                        to[0], to[1] - 2);
                // by its source, where channel edges are apart, rather than by a destination they may share
                labelAt = new int[]{from[0] + 4, down - 3};
            }
            svg.append("<path class=\"edge\" data-source=\"").append(Html.escape(edge.sourceId()))
                    .append("\" data-destination=\"").append(Html.escape(edge.destinationId())).append("\" d=\"")
                    .append(path).append("\" marker-end=\"url(#arrow)\"/>");
            if (edge.label() != null) {
                labels.append(String.format(Locale.ROOT, "<text class=\"edge-label%s\" x=\"%d\" y=\"%d\">%s</text>",
                        channel < 0 ? "" : " start", labelAt[0], labelAt[1], Html.escape(edge.label())));
            }
        }
        for (int i = 0; i < graph.nodes().size(); i++) {
            node(svg, graph.nodes().get(i), states.get(i), corners.get(graph.nodes().get(i).id().toString()));
        }
        return svg.append(labels).append("</svg>").toString();
    }

    /** Whether an edge goes down exactly one row, and so needs no channel. */
    private static boolean adjacent(Map<String, GraphNode> byId, GraphEdge edge) {
        return byId.get(edge.destinationId()).layer() == byId.get(edge.sourceId()).layer() + 1;
    }

    private static void node(StringBuilder svg, GraphNode node, ShownState state, int[] corner) {
        String name = node.id().name();
        String detail = node.detail() == null ? null : cut(node.detail(), DETAIL_CHARACTERS);
        NodeType type = node.id().type();
        svg.append(String.format(Locale.ROOT, "<g class=\"node type-%s st-%s\" data-node=\"%s\" data-state=\"%s\" "
                + "transform=\"translate(%d %d)\">", type, state.name(), Html.escape(node.id()), state.name(),
                corner[0], corner[1]));
        svg.append("<title>").append(type).append(' ').append(Html.escape(name))
                .append(node.detail() == null ? "" : " (" + Html.escape(node.detail()) + ")").append("</title>");
        boolean trigger = type == NodeType.TRIGGER;
        svg.append(String.format(Locale.ROOT, "<rect class=\"box\" width=\"%d\" height=\"%d\" rx=\"%d\"/>",
                NODE_WIDTH, NODE_HEIGHT, trigger ? NODE_HEIGHT / 2 : 4));
        svg.append(String.format(Locale.ROOT, "<rect class=\"swatch\" x=\"%d\" y=\"7\" width=\"10\" height=\"%d\" "
                + "rx=\"2\"/>", trigger ? 14 : 7, NODE_HEIGHT - 14));
        int textX = trigger ? 30 : 23;
        svg.append(String.format(Locale.ROOT, "<text class=\"name\" x=\"%d\" y=\"19\">%s</text>", textX,
                Html.escape(cut(name, NAME_CHARACTERS))));
        svg.append(String.format(Locale.ROOT, "<text class=\"state\" x=\"%d\" y=\"36\"><tspan class=\"icon\">%s"
                + "</tspan> <tspan class=\"label\">%s</tspan>%s</text>", textX, state.icon(), state.label(),
                detail == null ? "" : "<tspan class=\"detail\"> · " + Html.escape(detail) + "</tspan>"));
        svg.append("</g>");
    }

    private static String cut(String text, int characters) {
        return text.length() > characters ? text.substring(0, characters - 1) + "…" : text;
    }

    /**
     * Where each edge leaves its source (spread along the bottom side) and enters its destination (along the top
     * side), ordered by where the other end is, so that edges of one node do not cross each other.
     */
    private static final class Ports {
        private final Map<GraphEdge, int[]> out = new HashMap<>();
        private final Map<GraphEdge, int[]> in = new HashMap<>();

        Ports(List<GraphEdge> edges, Map<String, int[]> corners) {
            Map<String, List<GraphEdge>> leaving = new HashMap<>();
            Map<String, List<GraphEdge>> entering = new HashMap<>();
            for (GraphEdge edge : edges) {
                leaving.computeIfAbsent(edge.sourceId(), k -> new ArrayList<>()).add(edge);
                entering.computeIfAbsent(edge.destinationId(), k -> new ArrayList<>()).add(edge);
            }
            leaving.forEach((node, list) -> spread(list, corners.get(node), NODE_HEIGHT, out,
                    Comparator.comparingInt(e -> corners.get(e.destinationId())[0])));
            entering.forEach((node, list) -> spread(list, corners.get(node), 0, in,
                    Comparator.comparingInt(e -> corners.get(e.sourceId())[0])));
        }

        private static void spread(List<GraphEdge> edges, int[] corner, int side, Map<GraphEdge, int[]> ports,
                                   Comparator<GraphEdge> order) {
            List<GraphEdge> sorted = new ArrayList<>(edges);
            sorted.sort(order);
            for (int i = 0; i < sorted.size(); i++) {
                ports.put(sorted.get(i), new int[]{corner[0] + (i + 1) * NODE_WIDTH / (sorted.size() + 1),
                    corner[1] + side});
            }
        }

        int[] out(GraphEdge edge) {
            return out.get(edge);
        }

        int[] in(GraphEdge edge) {
            return in.get(edge);
        }
    }
}
