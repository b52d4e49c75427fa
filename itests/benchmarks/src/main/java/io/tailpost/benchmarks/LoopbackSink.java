package io.tailpost.benchmarks;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * A minimal HTTP/1.1 server on 127.0.0.1 that reads and discards request bodies and
 * answers {@code 200} with an empty body: the destination of the HTTP sender benchmark,
 * meant to cost far less than the sender. One thread per connection, keep-alive,
 * {@code Content-Length} and chunked bodies.
 *
 * <p>Run on its own it prints {@code port N} on standard output and serves until its
 * standard input ends, so a benchmark can start it in a separate process and measure
 * only its own CPU time:
 *
 * <pre>java -cp benchmarks.jar io.tailpost.benchmarks.LoopbackSink</pre>
 */
public final class LoopbackSink implements Closeable {
    private static final Logger LOG = System.getLogger(LoopbackSink.class.getName());
    private static final byte[] OK = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK_CLOSE = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BAD = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HEADER_LINE = 8192;

    private final ServerSocket server;
    private final Thread acceptor;
    private final LongAdder requests = new LongAdder();
    private final LongAdder bodyBytes = new LongAdder();
    private volatile boolean closed;

    /** Binds an ephemeral port on 127.0.0.1 and starts accepting. */
    public LoopbackSink() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        acceptor = new Thread(this::accept, "sink-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Requests answered so far. */
    public long requests() {
        return requests.sum();
    }

    /** Request body bytes read so far (as sent, after any compression). */
    public long bodyBytes() {
        return bodyBytes.sum();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }

    private void accept() {
        int n = 0;
        while (!closed) {
            try {
                Socket socket = server.accept();
                Thread t = new Thread(() -> serve(socket), "sink-conn-" + (++n));
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "loopback sink stops accepting: " + e.getMessage());
                }
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            Input in = new Input(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (!closed) {
                String requestLine = in.line();
                if (requestLine == null) {
                    return;
                }
                if (requestLine.isEmpty()) {
                    continue;
                }
                long length = 0;
                boolean chunked = false;
                boolean close = false;
                String header;
                while ((header = in.line()) != null && !header.isEmpty()) {
                    int colon = header.indexOf(':');
                    if (colon <= 0) {
                        continue;
                    }
                    String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    String value = header.substring(colon + 1).trim();
                    switch (name) {
                        case "content-length" -> length = Long.parseLong(value);
                        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                        case "connection" -> close = value.equalsIgnoreCase("close");
                        default -> {
                            // Other headers do not change how the body is read.
                        }
                    }
                }
                if (header == null) {
                    return;
                }
                long body = chunked ? in.skipChunked() : in.skip(length);
                bodyBytes.add(body);
                requests.increment();
                out.write(close ? OK_CLOSE : OK);
                out.flush();
                if (close) {
                    return;
                }
            }
        } catch (NumberFormatException e) {
            LOG.log(Level.WARNING, "loopback sink: bad request framing (" + e.getMessage() + "); closing connection");
            try {
                socket.getOutputStream().write(BAD);
            } catch (IOException answerFailed) {
                LOG.log(Level.DEBUG, "loopback sink: cannot answer 400", answerFailed);
            }
        } catch (EOFException | SocketException e) {
            LOG.log(Level.DEBUG, () -> "loopback sink: connection ended: " + e.getMessage());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "loopback sink: connection failed: " + e.getMessage());
        }
    }

    /** Buffered reading of header lines and discarding of bodies. */
    private static final class Input {
        private final InputStream in;
        private final byte[] buf = new byte[256 * 1024];
        private int pos;
        private int end;

        Input(InputStream in) {
            this.in = in;
        }

        private boolean fill() throws IOException {
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                return false;
            }
            pos = 0;
            end = n;
            return true;
        }

        /** One line without its CRLF; null at the end of the stream before any byte of it. */
        String line() throws IOException {
            StringBuilder s = null;
            while (true) {
                if (pos == end && !fill()) {
                    if (s == null) {
                        return null;
                    }
                    throw new EOFException("stream ended inside a header line");
                }
                int start = pos;
                while (pos < end && buf[pos] != '\n') {
                    pos++;
                }
                int stop = pos;
                boolean found = pos < end;
                if (found) {
                    pos++;
                }
                String part = new String(buf, start, stop - start, StandardCharsets.ISO_8859_1);
                s = s == null ? new StringBuilder(part) : s.append(part);
                if (s.length() > MAX_HEADER_LINE) {
                    throw new NumberFormatException("header line longer than " + MAX_HEADER_LINE + " bytes");
                }
                if (found) {
                    int len = s.length();
                    if (len > 0 && s.charAt(len - 1) == '\r') {
                        s.setLength(len - 1);
                    }
                    return s.toString();
                }
            }
        }

        long skip(long length) throws IOException {
            long left = length;
            while (left > 0) {
                if (pos == end && !fill()) {
                    throw new EOFException("stream ended inside a body, " + left + " bytes short");
                }
                int n = (int) Math.min(left, end - pos);
                pos += n;
                left -= n;
            }
            return length;
        }

        long skipChunked() throws IOException {
            long total = 0;
            while (true) {
                String sizeLine = line();
                if (sizeLine == null) {
                    throw new EOFException("stream ended inside a chunked body");
                }
                int semi = sizeLine.indexOf(';');
                long size = Long.parseLong((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim(), 16);
                if (size == 0) {
                    String trailer;
                    while ((trailer = line()) != null && !trailer.isEmpty()) {
                        continue;
                    }
                    return total;
                }
                skip(size);
                total += size;
                line();
            }
        }
    }

    /** Serves until standard input ends; prints {@code port N} first. */
    public static void main(String[] args) throws IOException {
        try (LoopbackSink sink = new LoopbackSink()) {
            System.out.println("port " + sink.port());
            System.out.flush();
            byte[] b = new byte[256];
            while (System.in.read(b) >= 0) {
                continue;
            }
            LOG.log(Level.INFO, "loopback sink stops: " + sink.requests() + " requests, " + sink.bodyBytes()
                    + " body bytes");
        }
    }
}
