package dev.glueorch.bench;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/** The benchmark's stubs of AWS services: the JDK's HTTP server on the loopback address. */
final class StubServers {

    private StubServers() {
    }

    /**
     * A started server on {@code port} (0: a free one) answering every path with {@code handler} on {@code threads}
     * daemon threads named {@code name}.
     */
    static HttpServer start(int port, int threads, String name, HttpHandler handler) throws IOException {
        // without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK:
        // 40 ms per request, which would be measured as the orchestrator's
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), Math.max(64, threads * 4));
        server.createContext("/", handler);
        server.setExecutor(Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return server;
    }
}
