package io.tailpost.itests.process;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;

/** A loopback HTTP server that counts NDJSON lines by the sequence number in each. */
final class LineSink implements AutoCloseable {
    private static final Pattern SEQ = Pattern.compile("\"message\":\"seq (\\d+) ");
    private final HttpServer server;
    private final Map<Long, AtomicInteger> seen = new ConcurrentHashMap<>();
    private final AtomicLong lines = new AtomicLong();
    private volatile long firstLineNanos;

    LineSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ingest", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                if (firstLineNanos == 0) {
                    firstLineNanos = System.nanoTime();
                }
                lines.incrementAndGet();
                Matcher m = SEQ.matcher(line);
                if (m.find()) {
                    seen.computeIfAbsent(Long.parseLong(m.group(1)), k -> new AtomicInteger()).incrementAndGet();
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/ingest";
    }

    long lines() {
        return lines.get();
    }

    long distinct() {
        return seen.size();
    }

    long duplicateLines() {
        return lines.get() - seen.size();
    }

    long firstLineNanos() {
        return firstLineNanos;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
