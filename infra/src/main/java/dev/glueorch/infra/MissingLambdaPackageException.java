package dev.glueorch.infra;

import java.nio.file.Path;

/** The Lambda deployment package is not where the construct was told to find it. */
public final class MissingLambdaPackageException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public MissingLambdaPackageException(Path lambdaPackage) {
        super("Lambda package not found at " + lambdaPackage.toAbsolutePath().normalize()
                + ": build it with `./mvnw -B package -DskipTests` in the repository root (infra copies it to "
                + "infra/target/lambda/functions.zip), or pass another zip with `-c lambdaPackage=<path>`");
    }
}
