package dev.glueorch.cli;

/**
 * glueorch's exit codes, apart from the entry point so that commands need not depend on it (it depends on them):
 * 0 ok, 1 a failed operation, 2 bad usage or input.
 */
public final class ExitStatus {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    private ExitStatus() {
    }
}
