package io.tailpost.bench.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * A loopback HTTP/1.1 sink that counts requests, bytes and lines and throws the bodies away.
 *
 * <p>A body's lines are its non-empty lines; the last one may lack its newline (syslog-ng joins
 * a batch with a delimiter and ends without it). A path ending in {@code _bulk} is an
 * Elasticsearch bulk body: one action line and one document line per event (rsyslog adds an
 * empty line after each document), answered with a minimal bulk response. {@code Content-Encoding: gzip} bodies are inflated before counting.
 */
final class CountingSink implements AutoCloseable {

    private static final byte[] BULK_OK = "{\"took\":0,\"errors\":false,\"items\":[]}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ES_ROOT = ("{\"name\":\"sink\",\"cluster_name\":\"sink\",\"version\":{\"number\":\"7.17.0\"},"
            + "\"tagline\":\"You Know, for Search\"}").getBytes(StandardCharsets.US_ASCII);

    private final HttpServer server;
    private final ExecutorService pool;
    private final ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[256 * 1024]);

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong wireBytes = new AtomicLong();
    private final AtomicLong bodyBytes = new AtomicLong();
    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile long lastLineNanos;

    private final java.nio.file.Path dumpDir;
    private final AtomicLong dumped = new AtomicLong();

    /**
     * @param threads handler threads
     * @param dumpDir when not null, every decoded body is also written there (for checking what agents send)
     */
    CountingSink(int threads, java.nio.file.Path dumpDir) throws IOException {
        this.dumpDir = dumpDir;
        // Without it a response written as headers then body waits for the client's delayed ACK (about 40 ms a request).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sink");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    void reset() {
        requests.set(0);
        wireBytes.set(0);
        bodyBytes.set(0);
        lines.set(0);
        errors.set(0);
        lastLineNanos = 0;
    }

    long requests() {
        return requests.get();
    }

    long wireBytes() {
        return wireBytes.get();
    }

    long bodyBytes() {
        return bodyBytes.get();
    }

    long lines() {
        return lines.get();
    }

    long errors() {
        return errors.get();
    }

    /** {@link System#nanoTime()} when the last request carrying lines was counted; 0 before. */
    long lastLineNanos() {
        return lastLineNanos;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            boolean bulk = path.endsWith("_bulk");
            String method = exchange.getRequestMethod();
            if (!"POST".equals(method) && !"PUT".equals(method)) {
                drain(exchange.getRequestBody());
                if ("HEAD".equals(method)) {
                    exchange.sendResponseHeaders(200, -1);
                } else {
                    answer(exchange, path.equals("/") ? ES_ROOT : "green".getBytes(StandardCharsets.US_ASCII));
                }
                return;
            }
            CountingInput wire = new CountingInput(exchange.getRequestBody());
            InputStream body = wire;
            String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
            if (encoding != null && encoding.equalsIgnoreCase("gzip")) {
                body = new GZIPInputStream(wire, 64 * 1024);
            }
            OutputStream dump = null;
            if (dumpDir != null) {
                dump = java.nio.file.Files.newOutputStream(dumpDir.resolve(String.format("body-%06d%s", dumped.incrementAndGet(),
                        path.replace('/', '_'))));
            }
            byte[] buf = buffers.get();
            long bytes = 0;
            LineCounter counter = new LineCounter();
            int n;
            while ((n = body.read(buf)) > 0) {
                bytes += n;
                counter.add(buf, n);
                if (dump != null) {
                    dump.write(buf, 0, n);
                }
            }
            if (dump != null) {
                dump.close();
            }
            long count = counter.lines();
            if (bulk) {
                count /= 2;
            }
            requests.incrementAndGet();
            wireBytes.addAndGet(wire.count);
            bodyBytes.addAndGet(bytes);
            if (count > 0) {
                lines.addAndGet(count);
                lastLineNanos = System.nanoTime();
            }
            if (bulk) {
                answer(exchange, BULK_OK);
            } else {
                exchange.sendResponseHeaders(200, -1);
            }
        } catch (IOException | RuntimeException e) {
            errors.incrementAndGet();
            throw e;
        }
    }

    private static void answer(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void drain(InputStream in) throws IOException {
        byte[] buf = buffers.get();
        while (in.read(buf) > 0) {
            // discarded
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    private static final class CountingInput extends InputStream {
        private final InputStream in;
        private long count;

        CountingInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
