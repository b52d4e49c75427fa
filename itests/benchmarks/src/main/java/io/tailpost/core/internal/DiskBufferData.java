package io.tailpost.core.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.json.ByteArrayBuilder;

/**
 * The batch the disk-buffer benchmarks append: {@value #EVENTS} nginx access-log lines of
 * about 200 bytes, one source, as the file reader hands them over (slices of one array).
 * The same on every call.
 */
final class DiskBufferData {
    static final int EVENTS = 1000;
    static final String SOURCE = "/var/log/nginx/access.log";
    private static final String[] METHODS = {"GET", "GET", "GET", "POST", "PUT", "DELETE"};
    private static final String[] PATHS = {"/api/v1/orders", "/api/v1/customers", "/static/js/app.bundle.js",
        "/checkout/cart", "/healthz", "/api/v2/search", "/images/products/thumbnail.webp"};
    private static final int[] STATUS = {200, 200, 200, 200, 304, 301, 404, 500, 502};
    private static final String[] AGENTS = {
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) Gecko/20100101 Firefox/125.0",
        "curl/8.5.0", "Go-http-client/1.1", "kube-probe/1.29"};

    private DiskBufferData() {
    }

    /** A fresh list of {@value #EVENTS} events over one shared byte array. */
    static List<LogEvent> batch() {
        Random random = new Random(42);
        StringBuilder text = new StringBuilder(EVENTS * 220);
        int[] ends = new int[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            int second = i % 3600;
            text.append("10.").append(random.nextInt(256)).append('.').append(random.nextInt(256)).append('.')
                    .append(1 + random.nextInt(254)).append(" - - [01/May/2024:10:")
                    .append(pad(second / 60)).append(':').append(pad(second % 60)).append(" +0000] \"")
                    .append(METHODS[random.nextInt(METHODS.length)]).append(' ')
                    .append(PATHS[random.nextInt(PATHS.length)]).append("?id=").append(100000 + random.nextInt(900000))
                    .append(" HTTP/1.1\" ").append(STATUS[random.nextInt(STATUS.length)]).append(' ')
                    .append(random.nextInt(50000)).append(" \"https://shop.example.com/category/garden/cart\" \"")
                    .append(AGENTS[random.nextInt(AGENTS.length)]).append("\" rt=0.").append(100 + random.nextInt(900));
            ends[i] = text.length();
        }
        byte[] data = text.toString().getBytes(StandardCharsets.US_ASCII);
        long time = 1_714_558_500_000_000_000L;
        List<LogEvent> events = new ArrayList<>(EVENTS);
        int start = 0;
        for (int i = 0; i < EVENTS; i++) {
            LogEvent e = LogEvent.ofBytes(data, start, ends[i] - start, time + i * 1000L);
            e.setSource(SOURCE);
            events.add(e);
            start = ends[i];
        }
        return events;
    }

    /** The message bytes of a batch. */
    static long payloadBytes(List<LogEvent> batch) {
        long n = 0;
        for (LogEvent e : batch) {
            n += e.messageLength();
        }
        return n;
    }

    /** The bytes one record of this batch takes in a segment file: header and encoded events. */
    static long recordBytes(List<LogEvent> batch) {
        ByteArrayBuilder out = new ByteArrayBuilder(256 * 1024);
        EventCodec.encode(batch, out);
        return 8L + out.size();
    }

    private static String pad(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }
}
