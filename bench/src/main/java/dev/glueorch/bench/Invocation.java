package dev.glueorch.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.glueorch.testing.FakeContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** One invocation of a handler in this JVM, as Lambda's runtime makes it: the event in, the response out. */
final class Invocation {

    private Invocation() {
    }

    static byte[] invoke(RequestStreamHandler handler, String event) throws IOException {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), response,
                new FakeContext(Benchmark.FUNCTION_NAME));
        return response.toByteArray();
    }
}
