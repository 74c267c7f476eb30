package dev.glueorch.model;

/**
 * One reason a definition was refused: the file, the object in it (a workflow or trigger), the field path and
 * what to fix.
 */
public record DefinitionError(String file, String object, String field, String reason) {

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(file).append(": ");
        if (object != null && !object.isEmpty()) {
            text.append(object).append(": ");
        }
        if (field != null && !field.isEmpty()) {
            text.append(field).append(": ");
        }
        return text.append(reason).toString();
    }
}
