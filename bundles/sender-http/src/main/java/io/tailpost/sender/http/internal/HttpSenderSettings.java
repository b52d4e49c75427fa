package io.tailpost.sender.http.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.tailpost.sdk.config.Units;
import io.tailpost.sdk.security.HeaderSink;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;

/**
 * The checked form of {@link HttpSenderConfig}: every problem of a configuration is
 * collected and reported at once, and nothing in a message repeats a header value or the
 * URL's user info, which may hold credentials.
 */
record HttpSenderSettings(List<URI> urls, boolean roundRobin, Duration healthCheckInterval, String format,
        Compression compression, int compressionLevel, long maxBodyBytes, Duration timeout, Duration connectTimeout, URI proxy,
        List<Header> headers, String tls, String auth, String esIndex, String esAction, List<String[]> lokiLabels,
        String splunkIndex, String splunkSourcetype, String splunkHost, String otlpServiceName) {
    static final List<String> FORMATS = Formats.NAMES;
    static final List<String> COMPRESSIONS = List.of("none", "gzip", "zstd");
    static final List<String> BALANCES = List.of("failover", "round_robin");
    static final int MAX_URLS = 32;

    /** Headers the sender sets itself from the body; a configured value would contradict it. */
    private static final Set<String> RESERVED_HEADERS =
            Set.of("content-length", "transfer-encoding", "connection", "content-encoding");

    /**
     * Checks a configuration.
     *
     * @throws IllegalArgumentException listing every problem, separated by "; "
     */
    static HttpSenderSettings from(HttpSenderConfig config) {
        List<String> problems = new ArrayList<>();
        List<URI> urls = new ArrayList<>();
        String single = readUrl(config);
        String[] many = config.urls() == null ? new String[0] : config.urls();
        boolean anyListed = false;
        for (String u : many) {
            anyListed |= u != null && !u.isBlank();
        }
        if (single != null && !single.isBlank()) {
            URI uri = parseUrl("url", single, problems);
            if (uri != null) {
                urls.add(uri);
            }
        }
        for (int i = 0; i < many.length; i++) {
            if (many[i] == null || many[i].isBlank()) {
                continue; // metatype writes an empty default as one empty value
            }
            URI uri = parseUrl("urls[" + i + "]", many[i], problems);
            if (uri != null) {
                urls.add(uri);
            }
        }
        if ((single == null || single.isBlank()) && !anyListed) {
            problems.add("url is required (or urls)");
        }
        if (urls.size() > MAX_URLS) {
            problems.add("urls: at most " + MAX_URLS + " endpoints");
        }

        String balance = trimmed(config.load_balance());
        if (!BALANCES.contains(balance)) {
            problems.add("load_balance '" + balance + "' is not supported (supported: " + String.join(", ", BALANCES)
                    + ")");
        }
        Duration healthInterval = positiveDuration("health_check_interval", config.health_check_interval(), problems);

        String format = trimmed(config.format());
        if (!FORMATS.contains(format)) {
            problems.add("format '" + format + "' is not supported (supported: " + String.join(", ", FORMATS) + ")");
        }

        String compressionName = trimmed(config.compression());
        Compression compression = Compression.NONE;
        if (!COMPRESSIONS.contains(compressionName)) {
            problems.add("compression '" + compressionName + "' is not supported (supported: "
                    + String.join(", ", COMPRESSIONS) + ")");
        } else {
            compression = Compression.valueOf(compressionName.toUpperCase(Locale.ROOT));
            if (compression == Compression.ZSTD) {
                try {
                    ZstdCompressor.checkAvailable();
                } catch (IllegalStateException e) {
                    problems.add(e.getMessage());
                }
            }
        }

        long maxBody = 0;
        try {
            maxBody = Units.parseSize(config.max_body_bytes());
            if (maxBody < 1024) {
                problems.add("max_body_bytes must be at least 1KiB");
            }
        } catch (IllegalArgumentException e) {
            problems.add("max_body_bytes: " + e.getMessage());
        }

        Duration timeout = positiveDuration("timeout", config.timeout(), problems);
        String connect = trimmed(config.connect_timeout());
        Duration connectTimeout = connect.isEmpty() ? timeout : positiveDuration("connect_timeout", connect, problems);
        URI proxy = parseProxy(trimmed(config.proxy()), problems);

        List<Header> headers = parseHeaders(config.headers(), problems);

        String esAction = trimmed(config.elasticsearch_action());
        if (!esAction.equals("create") && !esAction.equals("index")) {
            problems.add("elasticsearch.action '" + esAction + "' is not supported (supported: create, index)");
        }
        int level = config.compression_level();
        int maxLevel = compression == Compression.ZSTD ? 19 : 9;
        if (level < 0 || level > maxLevel) {
            problems.add("compression_level " + level + " is out of range for " + compression.label() + " (0 for the"
                    + " default, else 1 to " + maxLevel + ")");
        } else if (level == 0) {
            level = compression == Compression.ZSTD ? 3 : 1;
        }
        List<String[]> labels = parseLabels(config.loki_labels(), format.equals(Formats.LOKI), problems);

        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid http sender configuration: " + String.join("; ", problems));
        }
        return new HttpSenderSettings(List.copyOf(urls), balance.equals("round_robin"), healthInterval, format,
                compression, level, maxBody, timeout, connectTimeout, proxy, headers, trimmed(config.tls()),
                trimmed(config.auth()), trimmed(config.elasticsearch_index()), esAction, labels,
                trimmed(config.splunk_index()), trimmed(config.splunk_sourcetype()), trimmed(config.splunk_host()),
                trimmed(config.otlp_service_name()));
    }

    /** The first endpoint. */
    URI url() {
        return urls.get(0);
    }

    boolean gzip() {
        return compression == Compression.GZIP;
    }

    private static Duration positiveDuration(String key, String text, List<String> problems) {
        try {
            Duration d = Units.parseDuration(text);
            if (d.isZero() || d.isNegative()) {
                problems.add(key + " must be greater than 0");
                return Duration.ofSeconds(1);
            }
            return d;
        } catch (IllegalArgumentException e) {
            problems.add(key + ": " + e.getMessage());
            return Duration.ofSeconds(1);
        }
    }

    private static URI parseProxy(String text, List<String> problems) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            URI uri = new URI(text);
            if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                problems.add("proxy must be http://host:port (without user info)");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.add("proxy is not a valid URL: " + e.getReason() + " at index " + e.getIndex());
            return null;
        }
    }

    private static List<String[]> parseLabels(String[] lines, boolean used, List<String> problems) {
        List<String[]> labels = new ArrayList<>();
        if (lines == null) {
            return labels;
        }
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i] == null ? "" : lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            String name = eq < 0 ? "" : line.substring(0, eq).trim();
            if (eq < 0 || !name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
                problems.add("loki.labels[" + i + "] must be 'name=value' with a name of letters, digits and _");
                continue;
            }
            labels.add(new String[] {name, line.substring(eq + 1).trim()});
        }
        if (used && labels.isEmpty()) {
            problems.add("loki.labels: Loki needs at least one label");
        }
        return List.copyOf(labels);
    }

    /** The URL fit for logs: scheme, host, port and path, without user info, query or fragment. */
    String displayUrl() {
        return displayUrl(url());
    }

    /** Names the headers but not their values, which may be credentials. */
    @Override
    public String toString() {
        StringBuilder names = new StringBuilder();
        for (Header h : headers) {
            names.append(names.length() == 0 ? "" : ", ").append(h.getName());
        }
        StringBuilder endpoints = new StringBuilder();
        for (URI u : urls) {
            endpoints.append(endpoints.length() == 0 ? "" : ", ").append(displayUrl(u));
        }
        return "HttpSenderSettings[urls=[" + endpoints + "], format=" + format + ", compression=" + compression.label()
                + ", timeout=" + timeout + ", headers=[" + names + "], tls=" + tls + ", auth=" + auth + "]";
    }

    static String displayUrl(URI uri) {
        StringBuilder s = new StringBuilder().append(uri.getScheme()).append("://").append(uri.getHost());
        if (uri.getPort() >= 0) {
            s.append(':').append(uri.getPort());
        }
        if (uri.getRawPath() != null) {
            s.append(uri.getRawPath());
        }
        return s.toString();
    }

    private static String readUrl(HttpSenderConfig config) {
        try {
            return config.url();
        } catch (RuntimeException e) {
            // SCR answers null for a key without value and default; other annotation
            // proxies, such as the OSGi converter's, throw instead. Both mean "missing".
            return null;
        }
    }

    private static URI parseUrl(String key, String text, List<String> problems) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            // The reason and index, not the input: the text may carry credentials.
            problems.add(key + " is not a valid URL: " + e.getReason() + " at index " + e.getIndex());
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            problems.add(key + " must start with http:// or https://"
                    + (scheme.isEmpty() ? " (it has no scheme)" : " (it has scheme '" + scheme + "')"));
            return null;
        }
        if (uri.getHost() == null) {
            problems.add(key + " has no host name");
            return null;
        }
        if (uri.getRawUserInfo() != null) {
            problems.add(key + " " + displayUrl(uri) + " must not carry user info (user:password@);"
                    + " send credentials in a header instead");
            return null;
        }
        return uri;
    }

    private static List<Header> parseHeaders(String[] lines, List<String> problems) {
        if (lines == null || lines.length == 0) {
            return List.of();
        }
        List<Header> headers = new ArrayList<>(lines.length);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i] == null ? "" : lines[i];
            if (line.isBlank()) {
                continue; // metatype writes an empty default as one empty value
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon).trim();
            if (colon < 0 || name.isEmpty()) {
                problems.add("headers[" + i + "] must have the form 'Name: value'");
                continue;
            }
            if (!HeaderSink.isValidName(name)) {
                problems.add("headers[" + i + "] has an invalid header name (letters, digits and !#$%&'*+-.^_`|~ only)");
                continue;
            }
            if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                problems.add("headers[" + i + "]: " + name + " is set by the sender and cannot be configured"
                        + (name.equalsIgnoreCase("content-encoding") ? " (use compression)" : ""));
                continue;
            }
            String value = line.substring(colon + 1).trim();
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                problems.add("headers[" + i + "] (" + name + ") must be on one line");
                continue;
            }
            headers.add(new BasicHeader(name, value));
        }
        return List.copyOf(headers);
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.trim();
    }
}
