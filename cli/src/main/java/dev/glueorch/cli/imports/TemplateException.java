package dev.glueorch.cli.imports;

/**
 * A CloudFormation template the import cannot read as CloudFormation would: not JSON or YAML, no {@code Resources},
 * a parameter given that it does not declare, a parameter it needs without a value or a Default, a malformed
 * intrinsic function. The message names the file and, where known, the line, the resource and the property, and
 * says what to fix.
 */
public final class TemplateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TemplateException(String message) {
        super(message);
    }
}
