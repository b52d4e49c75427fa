package io.tailpost.bench.e2e;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Writes the seeded inputs: nginx-style access lines (about 214 bytes each) and JSON lines,
 * as one file or as many files of equal size. The same size and seed give the same bytes;
 * an input already on disk with matching size and seed is reused.
 */
final class InputGenerator {

    /** Files of one input with their total bytes and lines. */
    record Input(String name, List<Path> files, long bytes, long lines) {
    }

    /** Kind of line. */
    enum Kind { NGINX, JSON }

    private static final String VERSION = "2";
    private static final String[] METHODS = {"GET", "GET", "GET", "GET", "POST", "PUT", "DELETE", "HEAD"};
    private static final String[] PATHS = {"/api/v1/items/", "/api/v1/orders/", "/static/js/app.", "/images/products/",
        "/checkout/cart/", "/search?q=term", "/account/profile/", "/api/v2/inventory/sku/"};
    private static final int[] STATUS = {200, 200, 200, 200, 200, 200, 304, 301, 404, 500, 201, 204};
    private static final String[] AGENTS = {
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        "curl/8.5.0",
        "Go-http-client/1.1",
    };
    private static final String[] REFERERS = {"-", "https://www.example.com/", "https://shop.example.org/products/list",
        "https://search.example.net/?q=shoes"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    private static final String[] LEVELS = {"INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"};
    private static final String[] LOGGERS = {"io.example.checkout.OrderService", "io.example.web.RequestLogger",
        "io.example.inventory.StockClient", "io.example.auth.TokenFilter"};
    private static final String[] MESSAGES = {"order placed", "request completed", "stock level below threshold",
        "token refreshed for session", "payment authorised by provider", "cache miss, loading from database"};

    private InputGenerator() {
    }

    /** One file of about {@code size} bytes. */
    static Input single(Kind kind, Path file, long size, long seed) throws IOException {
        Files.createDirectories(file.getParent());
        Path meta = file.resolveSibling(file.getFileName() + ".meta");
        String key = VERSION + " " + kind + " " + size + " " + seed;
        if (Files.isRegularFile(meta) && Files.isRegularFile(file)) {
            String[] m = Files.readString(meta).trim().split(" ");
            if (m.length == 6 && String.join(" ", m[0], m[1], m[2], m[3]).equals(key) && Files.size(file) == Long.parseLong(m[4])) {
                return new Input(file.getFileName().toString(), List.of(file), Long.parseLong(m[4]), Long.parseLong(m[5]));
            }
        }
        long lines = write(kind, file, size, new SplittableRandom(seed));
        long bytes = Files.size(file);
        Files.writeString(meta, key + " " + bytes + " " + lines + "\n");
        return new Input(file.getFileName().toString(), List.of(file), bytes, lines);
    }

    /** {@code count} files of nginx lines in {@code dir}, about {@code totalSize} bytes in all. */
    static Input many(Path dir, int count, long totalSize, long seed) throws IOException {
        Files.createDirectories(dir);
        Path meta = dir.resolve("input.meta");
        String key = VERSION + " " + count + " " + totalSize + " " + seed;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            files.add(dir.resolve(String.format("access-%04d.log", i)));
        }
        if (Files.isRegularFile(meta)) {
            String[] m = Files.readString(meta).trim().split(" ");
            if (m.length == 6 && String.join(" ", m[0], m[1], m[2], m[3]).equals(key)
                    && files.stream().allMatch(Files::isRegularFile)) {
                return new Input(dir.getFileName() + "/*.log", files, Long.parseLong(m[4]), Long.parseLong(m[5]));
            }
        }
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : (Iterable<Path>) old::iterator) {
                Files.delete(p);
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        long lines = 0;
        long bytes = 0;
        for (Path f : files) {
            lines += write(Kind.NGINX, f, totalSize / count, random.split());
            bytes += Files.size(f);
        }
        Files.writeString(meta, key + " " + bytes + " " + lines + "\n");
        return new Input(dir.getFileName() + "/*.log", files, bytes, lines);
    }

    /** About one MiB of nginx lines for the sink's own measurement, with its line count. */
    static byte[] sample(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder all = new StringBuilder(1 << 20);
        StringBuilder line = new StringBuilder(512);
        long i = 0;
        while (all.length() < (1 << 20) - 512) {
            line.setLength(0);
            nginx(line, random, i++);
            all.append(line);
        }
        return all.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static long write(Kind kind, Path file, long size, SplittableRandom random) throws IOException {
        long lines = 0;
        long bytes = 0;
        StringBuilder line = new StringBuilder(512);
        byte[] buf = new byte[1024];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            while (bytes < size) {
                line.setLength(0);
                if (kind == Kind.NGINX) {
                    nginx(line, random, lines);
                } else {
                    json(line, random, lines);
                }
                int n = line.length();
                for (int i = 0; i < n; i++) {
                    buf[i] = (byte) line.charAt(i);
                }
                out.write(buf, 0, n);
                bytes += n;
                lines++;
            }
        }
        return lines;
    }

    private static void nginx(StringBuilder b, SplittableRandom r, long i) {
        b.append(10 + r.nextInt(190)).append('.').append(r.nextInt(256)).append('.').append(r.nextInt(256)).append('.')
                .append(1 + r.nextInt(254)).append(" - ");
        b.append(r.nextInt(8) == 0 ? "user" + r.nextInt(1000) : "-");
        long second = 1_700_000_000L + i / 50;
        b.append(" [");
        date(b, second);
        b.append(" +0000] \"").append(METHODS[r.nextInt(METHODS.length)]).append(' ')
                .append(PATHS[r.nextInt(PATHS.length)]).append(r.nextInt(1_000_000));
        if (r.nextBoolean()) {
            b.append("?page=").append(r.nextInt(50)).append("&sort=desc");
        }
        b.append(" HTTP/1.1\" ").append(STATUS[r.nextInt(STATUS.length)]).append(' ').append(r.nextInt(100_000))
                .append(" \"").append(REFERERS[r.nextInt(REFERERS.length)]).append("\" \"")
                .append(AGENTS[r.nextInt(AGENTS.length)]).append("\" rt=").append(r.nextInt(5000) / 1000.0).append(" cid=").append(r.nextInt(1000)).append('\n');
    }

    private static void json(StringBuilder b, SplittableRandom r, long i) {
        long millis = 1_700_000_000_000L + i * 7;
        b.append("{\"ts\":\"").append(java.time.Instant.ofEpochMilli(millis)).append("\",\"level\":\"")
                .append(LEVELS[r.nextInt(LEVELS.length)]).append("\",\"logger\":\"").append(LOGGERS[r.nextInt(LOGGERS.length)])
                .append("\",\"thread\":\"http-nio-8080-exec-").append(r.nextInt(200)).append("\",\"trace_id\":\"")
                .append(Long.toHexString(r.nextLong() | Long.MIN_VALUE)).append(Long.toHexString(r.nextLong() | Long.MIN_VALUE))
                .append("\",\"msg\":\"").append(MESSAGES[r.nextInt(MESSAGES.length)]).append("\",\"order_id\":")
                .append(r.nextInt(10_000_000)).append(",\"duration_ms\":").append(r.nextInt(2000)).append(",\"status\":")
                .append(STATUS[r.nextInt(STATUS.length)]).append("}\n");
    }

    private static void date(StringBuilder b, long epochSecond) {
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(epochSecond, 0, java.time.ZoneOffset.UTC);
        two(b, t.getDayOfMonth()).append('/').append(MONTHS[t.getMonthValue() - 1]).append('/').append(t.getYear()).append(':');
        two(b, t.getHour()).append(':');
        two(b, t.getMinute()).append(':');
        two(b, t.getSecond());
    }

    private static StringBuilder two(StringBuilder b, int v) {
        return b.append(v < 10 ? "0" : "").append(v);
    }
}
