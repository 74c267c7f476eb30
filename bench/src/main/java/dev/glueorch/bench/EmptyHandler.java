package dev.glueorch.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The cold start floor: a Java handler that does nothing, started the same way as the orchestrator's. */
public final class EmptyHandler implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write("{}".getBytes(StandardCharsets.UTF_8));
    }
}
