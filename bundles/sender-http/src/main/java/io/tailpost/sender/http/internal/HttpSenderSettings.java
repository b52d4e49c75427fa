package io.tailpost.sender.http.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.tailpost.sdk.config.Units;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;

/**
 * The checked form of {@link HttpSenderConfig}: every problem of a configuration is
 * collected and reported at once, and nothing in a message repeats a header value or the
 * URL's user info, which may hold credentials.
 */
record HttpSenderSettings(URI url, String format, boolean gzip, Duration timeout, List<Header> headers) {
    static final List<String> FORMATS = List.of("ndjson");
    static final List<String> COMPRESSIONS = List.of("none", "gzip");

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
        URI url = parseUrl(readUrl(config), problems);

        String format = trimmed(config.format());
        if (!FORMATS.contains(format)) {
            problems.add("format '" + format + "' is not supported (supported: " + String.join(", ", FORMATS) + ")");
        }

        String compression = trimmed(config.compression());
        if (!COMPRESSIONS.contains(compression)) {
            problems.add("compression '" + compression + "' is not supported (supported: "
                    + String.join(", ", COMPRESSIONS) + ")");
        }

        Duration timeout = null;
        try {
            timeout = Units.parseDuration(config.timeout());
            if (timeout.isZero()) {
                problems.add("timeout must be greater than 0");
            }
        } catch (IllegalArgumentException e) {
            problems.add("timeout: " + e.getMessage());
        }

        List<Header> headers = parseHeaders(config.headers(), problems);

        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid http sender configuration: " + String.join("; ", problems));
        }
        return new HttpSenderSettings(url, format, "gzip".equals(compression), timeout, headers);
    }

    /** The URL fit for logs: scheme, host, port and path, without user info, query or fragment. */
    String displayUrl() {
        return displayUrl(url);
    }

    /** Names the headers but not their values, which may be credentials. */
    @Override
    public String toString() {
        StringBuilder names = new StringBuilder();
        for (Header h : headers) {
            names.append(names.length() == 0 ? "" : ", ").append(h.getName());
        }
        return "HttpSenderSettings[url=" + displayUrl() + ", format=" + format + ", gzip=" + gzip
                + ", timeout=" + timeout + ", headers=[" + names + "]]";
    }

    private static String displayUrl(URI uri) {
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

    private static URI parseUrl(String text, List<String> problems) {
        if (text == null || text.isBlank()) {
            problems.add("url is required");
            return null;
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            // The reason and index, not the input: the text may carry credentials.
            problems.add("url is not a valid URL: " + e.getReason() + " at index " + e.getIndex());
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            problems.add("url must start with http:// or https://"
                    + (scheme.isEmpty() ? " (it has no scheme)" : " (it has scheme '" + scheme + "')"));
            return null;
        }
        if (uri.getHost() == null) {
            problems.add("url has no host name");
            return null;
        }
        if (uri.getRawUserInfo() != null) {
            problems.add("url " + displayUrl(uri) + " must not carry user info (user:password@);"
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
            if (!isToken(name)) {
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

    private static boolean isToken(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.trim();
    }
}
