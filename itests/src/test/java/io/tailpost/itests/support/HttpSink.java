package io.tailpost.itests.support;

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
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 (ephemeral port) that receives NDJSON bodies and counts
 * every line by a sequence number found in it, so tests can check "exactly once".
 */
public final class HttpSink implements AutoCloseable {
    private HttpServer server;
    private final int port;
    private volatile int answer = 200;
    private volatile String lastApiKey;
    private final Pattern seqPattern;
    private final Map<Long, AtomicInteger> seen = new ConcurrentHashMap<>();
    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong unmatched = new AtomicLong();
    private volatile long firstLineNanos;

    /** @param seqRegex a pattern whose group 1 is the decimal sequence number of a line */
    public HttpSink(String seqRegex) throws IOException {
        this.seqPattern = Pattern.compile(seqRegex);
        server = start(0);
        port = server.getAddress().getPort();
    }

    private HttpServer start(int onPort) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 0);
        s.createContext("/ingest", exchange -> {
            byte[] body;
            try (InputStream raw = exchange.getRequestBody();
                    InputStream in = "gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                            ? new GZIPInputStream(raw) : raw) {
                body = in.readAllBytes();
            }
            String key = exchange.getRequestHeaders().getFirst("X-API-Key");
            if (key != null) {
                lastApiKey = key;
            }
            int status = answer;
            if (status == 200) {
                count(new String(body, StandardCharsets.UTF_8));
            }
            requests.incrementAndGet();
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        s.start();
        return s;
    }

    /** Stops listening, as a destination that goes down: connections are refused. */
    public synchronized void goDown() {
        server.stop(0);
    }

    /** Listens again on the same port. */
    public synchronized void comeBack() throws IOException {
        server = start(port);
    }

    /** The X-API-Key header of the last request that had one, or null. */
    public String lastApiKey() {
        return lastApiKey;
    }

    /** From now on answer every request with this status (200 counts the lines). */
    public void answerWith(int status) {
        answer = status;
    }

    private void count(String body) {
        for (String line : body.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (firstLineNanos == 0) {
                firstLineNanos = System.nanoTime();
            }
            lines.incrementAndGet();
            Matcher m = seqPattern.matcher(line);
            if (m.find()) {
                seen.computeIfAbsent(Long.parseLong(m.group(1)), k -> new AtomicInteger()).incrementAndGet();
            } else {
                unmatched.incrementAndGet();
            }
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/ingest";
    }

    public long lines() {
        return lines.get();
    }

    public long distinct() {
        return seen.size();
    }

    public long unmatched() {
        return unmatched.get();
    }

    public long requests() {
        return requests.get();
    }

    /** Sequence numbers received more than once. */
    public long duplicates() {
        return seen.values().stream().filter(c -> c.get() > 1).count();
    }

    /** Lines received beyond the first copy of each sequence number. */
    public long duplicateLines() {
        return lines.get() - unmatched.get() - seen.size();
    }

    /** {@link System#nanoTime()} when the first line arrived; 0 before. */
    public long firstLineNanos() {
        return firstLineNanos;
    }

    public boolean has(long seq) {
        return seen.containsKey(seq);
    }

    @Override
    public synchronized void close() {
        server.stop(0);
    }
}
