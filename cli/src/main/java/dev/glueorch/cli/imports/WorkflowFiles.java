package dev.glueorch.cli.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glueorch.model.DefinitionError;
import dev.glueorch.model.DefinitionException;
import dev.glueorch.model.DefinitionLoader;
import dev.glueorch.model.DefinitionValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes an {@link ImportPlan}'s workflows as files, {@code DIR/<Name>.json}, each validated first with the one
 * validator (the CLI's, the synth's, the functions'), alone and with the folder's other workflow files: a document it
 * refuses is not written, and each of its errors is a finding; the other workflows are written all the same. An
 * existing file is replaced only when asked ({@code --force}); otherwise nothing at all is written, so that an import
 * never leaves a folder half replaced.
 */
public final class WorkflowFiles {

    /** Two spaces, one member a line, {@code "Name": "x"} as the examples write it. */
    private static final ObjectWriter PRETTY = new ObjectMapper().writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private final DefinitionValidator validator = new DefinitionValidator();

    /**
     * Validates every workflow of {@code plan}, then writes those the validator took into {@code folder} (made if
     * missing).
     *
     * @param force replace files that exist
     * @throws ImportException (BAD_INPUT) a file to write exists and {@code force} is false, or {@code folder} is
     *                         not a folder; nothing was written
     */
    public ImportReport write(ImportPlan plan, Path folder, boolean force) {
        List<ImportFinding> findings = new ArrayList<>(plan.findings());
        Map<MappedWorkflow, String> valid = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        for (MappedWorkflow workflow : plan.workflows()) {
            findings.addAll(workflow.findings());
            if (!names.add(workflow.name())) {
                findings.add(new ImportFinding(ImportFinding.Kind.NEEDS_DECISION, "validator",
                        "workflow " + workflow.name(), "not written: another workflow of the source has the same "
                        + "Name, and workflow names are unique per account and Region"));
                continue;
            }
            String text = text(workflow.document());
            try {
                validator.validate(file(folder, workflow.name()), text);
                valid.put(workflow, text);
            } catch (DefinitionException refused) {
                refused.errors().forEach(error -> findings.add(notWritten(workflow, error)));
            }
        }
        together(valid, folder, findings);
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new ImportException(ImportException.Kind.BAD_INPUT, folder + " is not a folder: pass --out with "
                    + "the folder to write the workflow files in; nothing was written");
        }
        if (!force) {
            List<String> existing = valid.keySet().stream().map(w -> file(folder, w.name()))
                    .filter(file -> Files.exists(Path.of(file))).toList();
            if (!existing.isEmpty()) {
                throw new ImportException(ImportException.Kind.BAD_INPUT, String.join(", ", existing)
                        + (existing.size() == 1 ? " exists" : " exist") + ": pass --force to replace, or --out "
                        + "another folder; nothing was written");
            }
        }
        List<ImportReport.Written> written = new ArrayList<>();
        try {
            Files.createDirectories(folder);
            for (Map.Entry<MappedWorkflow, String> workflow : valid.entrySet()) {
                String file = file(folder, workflow.getKey().name());
                Files.writeString(Path.of(file), workflow.getValue(), StandardCharsets.UTF_8);
                written.add(new ImportReport.Written(workflow.getKey().name(), file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the workflow files in " + folder, e);
        }
        return new ImportReport(written, findings);
    }

    /**
     * What only the set can tell (a trigger name another file has, a workflow defined twice), with the folder's
     * other workflow files: a workflow whose file would make the folder invalid is not written.
     */
    private void together(Map<MappedWorkflow, String> valid, Path folder, List<ImportFinding> findings) {
        Map<String, MappedWorkflow> ours = new LinkedHashMap<>();
        valid.keySet().forEach(workflow -> ours.put(file(folder, workflow.name()), workflow));
        Map<String, String> files = new LinkedHashMap<>(others(folder, ours.keySet()));
        valid.forEach((workflow, text) -> files.put(file(folder, workflow.name()), text));
        try {
            validator.validateAll(files);
        } catch (DefinitionException refused) {
            for (DefinitionError error : refused.errors()) {
                // the validator names the later file of a clash: ours, since the folder's files come first
                MappedWorkflow workflow = ours.get(error.file());
                if (workflow != null) {
                    findings.add(notWritten(workflow, error));
                    valid.remove(workflow);
                }
            }
        }
    }

    /** The folder's workflow files (scenarios excluded), but those the import would replace. */
    private static Map<String, String> others(Path folder, Set<String> replaced) {
        Map<String, String> files = new LinkedHashMap<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.filter(WorkflowFiles::isWorkflowFile).sorted().toList()) {
                String name = path.toString().replace('\\', '/');
                if (!replaced.contains(name)) {
                    files.put(name, Files.readString(path, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the workflow files in " + folder, e);
        }
        return files;
    }

    private static boolean isWorkflowFile(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".json") && !name.endsWith(DefinitionLoader.SCENARIO_SUFFIX) && Files.isRegularFile(path);
    }

    private static ImportFinding notWritten(MappedWorkflow workflow, DefinitionError error) {
        return new ImportFinding(ImportFinding.Kind.NEEDS_DECISION, "validator", "workflow " + workflow.name(),
                "not written: " + error);
    }

    /** The document as its file holds it. */
    static String text(ObjectNode document) {
        try {
            return PRETTY.writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a JSON tree as text", e);
        }
    }

    /** {@code folder/<name>.json}, with forward slashes as the validator's messages show files. */
    private static String file(Path folder, String workflow) {
        return folder.resolve(workflow + ".json").toString().replace('\\', '/');
    }
}
