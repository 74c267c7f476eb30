package dev.glueorch.cli.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A CloudFormation template in YAML as the JSON tree of the same template: every short-form tag becomes its long
 * form ({@code !Ref X} → {@code {"Ref": "X"}}, {@code !GetAtt A.B} → {@code {"Fn::GetAtt": ["A", "B"]}},
 * {@code !Sub ...} → {@code {"Fn::Sub": ...}}, ...), anchors and aliases are expanded, merge keys ({@code <<})
 * merged, plain scalars typed as YAML 1.1 types them (as CloudFormation does: {@code 2010-09-09} stays a string).
 *
 * <p>SnakeYAML's node graph, not Jackson's YAML parser: Jackson reports a tag only on the token it annotates and an
 * alias as the anchor's name, so neither {@code !GetAtt A.B} nor {@code *defaults} would survive into a tree.
 */
final class CloudFormationYaml {

    /** The intrinsic functions whose short form {@code !Name} stands for {@code {"Fn::Name": ...}}. */
    private static final Set<String> FUNCTIONS = Set.of("And", "Base64", "Cidr", "Equals", "FindInMap", "GetAZs",
            "If", "ImportValue", "Join", "Length", "Not", "Or", "Select", "Split", "Sub", "ToJsonString", "Transform");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern TRAILING_TABS = Pattern.compile("(?m)[ \\t]*\\t[ \\t]*$");

    private final String fileName;
    private final Scalars scalars = new Scalars();
    /* Aliases are expanded by converting the node they name again; one that contains itself would never end. */
    private final Set<Node> converting = Collections.newSetFromMap(new IdentityHashMap<>());

    private CloudFormationYaml(String fileName) {
        this.fileName = fileName;
    }

    /**
     * Reads {@code text}, the content of {@code fileName}.
     *
     * @throws TemplateException if it is not YAML (naming the line and column), holds more than one document, or
     *         uses a tag CloudFormation does not know
     */
    static TemplateDocument read(String fileName, String text) {
        Node root;
        try {
            root = compose(text);
        } catch (YAMLException e) {
            // AWS's own examples end lines with tabs (the AWS::Glue::Trigger reference's conditional trigger), which
            // YAML 1.2 reads as white space and SnakeYAML's YAML 1.1 scanner refuses; a second try without them, and
            // the first error (its position is the file's) if that fails too
            String untabbed = TRAILING_TABS.matcher(text).replaceAll("");
            try {
                root = untabbed.equals(text) ? null : compose(untabbed);
            } catch (YAMLException again) {
                root = null;
            }
            if (root == null) {
                throw invalid(fileName, e);
            }
        }
        CloudFormationYaml reader = new CloudFormationYaml(fileName);
        JsonNode tree = reader.convert(root);
        if (!tree.isObject()) {
            throw new TemplateException(fileName + ": not a CloudFormation template: its top level is not a mapping "
                    + "(a template is a mapping with a Resources section)");
        }
        return new TemplateDocument(fileName, (ObjectNode) tree, resourceLines(root));
    }

    private static Node compose(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMergeOnCompose(true);
        Node root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
        if (root == null) {
            throw new YAMLException("the file is empty (a CloudFormation template is a mapping with a Resources "
                    + "section)");
        }
        return root;
    }

    private static TemplateException invalid(String fileName, YAMLException e) {
        if (e instanceof MarkedYAMLException marked) {
            return new TemplateException(at(fileName, marked.getProblemMark()) + "not valid YAML: "
                    + marked.getProblem() + (marked.getContext() == null ? "" : " (" + marked.getContext() + ")"));
        }
        return new TemplateException(fileName + ": not valid YAML: " + e.getMessage());
    }

    /* Where each resource starts, for messages: the line of its logical id under Resources. */
    private static Map<String, Integer> resourceLines(Node root) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        if (root instanceof MappingNode top) {
            for (NodeTuple section : top.getValue()) {
                if (section.getKeyNode() instanceof ScalarNode key && "Resources".equals(key.getValue())
                        && section.getValueNode() instanceof MappingNode resources) {
                    for (NodeTuple resource : resources.getValue()) {
                        if (resource.getKeyNode() instanceof ScalarNode id) {
                            lines.put(id.getValue(), id.getStartMark().getLine() + 1);
                        }
                    }
                }
            }
        }
        return lines;
    }

    private JsonNode convert(Node node) {
        if (!converting.add(node)) {
            throw error(node, "an alias refers to a node that contains it");
        }
        try {
            String tag = node.getTag().getValue();
            if (tag.startsWith(Tag.PREFIX)) {
                return untagged(node);
            }
            return shortForm(tag.substring(1), node);
        } finally {
            converting.remove(node);
        }
    }

    /* A node with one of YAML's own tags (implicit or explicit): a mapping, a sequence or a typed scalar. */
    private JsonNode untagged(Node node) {
        if (node instanceof MappingNode mapping) {
            ObjectNode object = JSON.objectNode();
            for (NodeTuple entry : mapping.getValue()) {
                if (!(entry.getKeyNode() instanceof ScalarNode key)) {
                    throw error(entry.getKeyNode(), "a key must be a plain value, not a mapping or a list");
                }
                if (object.has(key.getValue())) {
                    // CloudFormation would keep one of the two silently; which one is not documented
                    throw error(key, "'" + key.getValue() + "' appears twice in the same mapping");
                }
                object.set(key.getValue(), convert(entry.getValueNode()));
            }
            return object;
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode array = JSON.arrayNode();
            for (Node item : sequence.getValue()) {
                array.add(convert(item));
            }
            return array;
        }
        return scalar((ScalarNode) node);
    }

    private JsonNode scalar(ScalarNode node) {
        Tag tag = node.getTag();
        try {
            if (tag.equals(Tag.NULL)) {
                return JSON.nullNode();
            }
            if (tag.equals(Tag.BOOL)) {
                return JSON.booleanNode((Boolean) scalars.construct(node));
            }
            if (tag.equals(Tag.INT)) {
                Object value = scalars.construct(node);
                if (value instanceof Integer i) {
                    return JSON.numberNode(i);
                }
                if (value instanceof Long l) {
                    return JSON.numberNode(l);
                }
                return JSON.numberNode((BigInteger) value);
            }
            if (tag.equals(Tag.FLOAT)) {
                return JSON.numberNode((Double) scalars.construct(node));
            }
        } catch (YAMLException e) {
            throw error(node, "'" + node.getValue() + "' is not a valid "
                    + tag.getValue().substring(Tag.PREFIX.length()));
        }
        // strings, and the types CloudFormation keeps as written (timestamps such as 2010-09-09, binary)
        return JSON.textNode(node.getValue());
    }

    private JsonNode shortForm(String name, Node node) {
        if (name.equals("Ref") || name.equals("Condition")) {
            if (!(node instanceof ScalarNode scalar)) {
                throw error(node, "!" + name + " takes a name, not a mapping or a list");
            }
            return JSON.objectNode().put(name, scalar.getValue());
        }
        if (name.equals("GetAtt")) {
            return JSON.objectNode().set("Fn::GetAtt", getAtt(node));
        }
        if (FUNCTIONS.contains(name)) {
            return JSON.objectNode().set("Fn::" + name, argument(node));
        }
        throw error(node, "unknown tag !" + name + ": CloudFormation's short forms are !Ref, !Condition, !GetAtt and "
                + "!" + String.join(", !", FUNCTIONS.stream().sorted().toList()));
    }

    /* !GetAtt Resource.Attribute splits at the first dot: the attribute itself may hold dots (Endpoint.Address). */
    private JsonNode getAtt(Node node) {
        if (node instanceof ScalarNode scalar) {
            String value = scalar.getValue();
            int dot = value.indexOf('.');
            if (dot <= 0 || dot == value.length() - 1) {
                throw error(node, "!GetAtt " + value + ": expected Resource.Attribute");
            }
            return JSON.arrayNode().add(value.substring(0, dot)).add(value.substring(dot + 1));
        }
        return argument(node);
    }

    /* The value under a short-form tag: a tagged scalar is a string, whatever it looks like (!Select ['0', ...]). */
    private JsonNode argument(Node node) {
        if (node instanceof ScalarNode scalar) {
            return JSON.textNode(scalar.getValue());
        }
        return untagged(node);
    }

    private TemplateException error(Node node, String problem) {
        return new TemplateException(at(fileName, node.getStartMark()) + problem);
    }

    private static String at(String fileName, Mark mark) {
        return mark == null ? fileName + ": "
                : "%s: line %d, column %d: ".formatted(fileName, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** SafeConstructor's YAML 1.1 scalars (0x1F, 1_000, yes/no), which are CloudFormation's too. */
    private static final class Scalars extends SafeConstructor {

        Scalars() {
            super(new LoaderOptions());
        }

        Object construct(ScalarNode node) {
            return constructObject(node);
        }
    }
}
