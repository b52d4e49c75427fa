package io.tailpost.bench.e2e;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;

/**
 * Measures what the sink can take: keep-alive connections posting the same NDJSON body in a
 * loop for a fixed time, from this process.
 */
final class SinkLoadGenerator {

    /** Bytes (before compression), lines and requests the sink counted in {@code seconds}. */
    record Capacity(String label, long bytes, long lines, double seconds, long requests) {
    }

    private SinkLoadGenerator() {
    }

    static Capacity measure(CountingSink sink, String path, byte[] ndjson, boolean gzip, int connections, long millis)
            throws IOException, InterruptedException {
        byte[] body = gzip ? gzip(ndjson) : ndjson;
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-ndjson\r\n"
                + (gzip ? "Content-Encoding: gzip\r\n" : "") + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        // Warm up the sink's code paths before counting.
        post(sink.port(), headBytes, body, System.nanoTime() + 500_000_000L, new AtomicReference<>());
        sink.reset();
        long start = System.nanoTime();
        long end = start + millis * 1_000_000L;
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Thread t = new Thread(() -> post(sink.port(), headBytes, body, end, failure), "sink-load-" + i);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) {
            throw new IOException("sink load generator failed: " + failure.get().getMessage(), failure.get());
        }
        Capacity c = new Capacity(String.format(Locale.ROOT, "sink capacity (%s%s, %d conn.)",
                path.endsWith("_bulk") ? "es _bulk" : "ndjson", gzip ? " gzip" : "", connections),
                sink.bodyBytes(), sink.lines(), seconds, sink.requests());
        sink.reset();
        return c;
    }

    private static void post(int port, byte[] head, byte[] body, long endNanos, AtomicReference<Exception> failure) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
            while (System.nanoTime() < endNanos) {
                out.write(head);
                out.write(body);
                out.flush();
                readResponse(in);
            }
        } catch (IOException e) {
            failure.compareAndSet(null, e);
        }
    }

    private static void readResponse(InputStream in) throws IOException {
        StringBuilder headers = new StringBuilder();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("sink closed the connection");
            }
            headers.append((char) b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1
                    : (b == '\r' ? 1 : 0);
        }
        String text = headers.toString().toLowerCase(Locale.ROOT);
        if (!text.startsWith("http/1.1 200")) {
            throw new IOException("sink answered " + text.lines().findFirst().orElse(""));
        }
        int at = text.indexOf("content-length:");
        long length = 0;
        if (at >= 0) {
            int eol = text.indexOf('\r', at);
            length = Long.parseLong(text.substring(at + 15, eol).trim());
        }
        for (long i = 0; i < length; i++) {
            if (in.read() < 0) {
                throw new IOException("short response body");
            }
        }
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(data.length / 4);
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }
}
