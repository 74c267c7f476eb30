package dev.glueorch.cli.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.cli.GlueOrch;
import dev.glueorch.testing.DynamoDbLocal;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** One {@code glueorch} command line run in this process: its exit code, standard output and standard error. */
record GlueOrchRun(int exitCode, String out, String err) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static GlueOrchRun of(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GlueOrch.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        return new GlueOrchRun(code, out.toString(), err.toString());
    }

    /** {@code glueorch ARGS} against an orchestrator's table in DynamoDB Local, other services at {@code endpoint}. */
    static GlueOrchRun onTable(URI endpoint, String table, String... args) {
        List<String> line = new ArrayList<>(List.of(args));
        line.addAll(List.of("--table-name", table, "--dynamodb-endpoint-url", DynamoDbLocal.endpoint().toString(),
                "--endpoint-url", endpoint.toString(), "--region", "us-east-1"));
        return of(line);
    }

    /** Standard output as JSON. */
    JsonNode json() {
        try {
            return JSON.readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + out + err, e);
        }
    }
}
