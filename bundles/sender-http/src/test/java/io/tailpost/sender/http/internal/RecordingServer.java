package io.tailpost.sender.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

/**
 * A JDK HTTP(S) server on 127.0.0.1 that records each POST and answers as told: from the
 * queue of one-off answers first, else the standing answer. HEAD requests (health checks)
 * get the standing answer and are only counted.
 */
final class RecordingServer implements AutoCloseable {
    /** One request as received. */
    record Request(String method, String path, Headers headers, byte[] body) {
        String header(String name) {
            return headers.getFirst(name);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The answer to give: status, headers, body. */
    record Answer(int status, Map<String, String> headers, String body) {
        static Answer of(int status) {
            return new Answer(status, Map.of(), "");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final BlockingQueue<Answer> nextAnswers = new LinkedBlockingQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger heads = new java.util.concurrent.atomic.AtomicInteger();
    private final String scheme;
    private volatile Answer answer = Answer.of(200);

    RecordingServer() throws IOException {
        this(null, false);
    }

    /** An HTTPS server when {@code tls} is given, asking for a client certificate when {@code needClientAuth}. */
    RecordingServer(SSLContext tls, boolean needClientAuth) throws IOException {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", 0);
        if (tls == null) {
            server = HttpServer.create(address, 0);
            scheme = "http";
        } else {
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters p = tls.getDefaultSSLParameters();
                    p.setNeedClientAuth(needClientAuth);
                    params.setSSLParameters(p);
                }
            });
            server = https;
            scheme = "https";
        }
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Answer a;
            if (exchange.getRequestMethod().equals("HEAD")) {
                heads.incrementAndGet();
                a = answer;
                exchange.sendResponseHeaders(a.status(), -1);
                exchange.close();
                return;
            }
            a = nextAnswers.poll();
            if (a == null) {
                a = answer;
            }
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders(), body));
            a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
            exchange.close();
        });
        server.start();
    }

    String url(String path) {
        return scheme + "://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void answer(Answer answer) {
        this.answer = answer;
    }

    /** Answers the next POST with {@code once}, before the standing answer applies again. */
    void answerNext(Answer once) {
        nextAnswers.add(once);
    }

    /** HEAD requests received so far. */
    int heads() {
        return heads.get();
    }

    /** The next recorded request, waiting up to 5 s. */
    Request take() throws InterruptedException {
        Request r = requests.poll(5, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no request arrived within 5 s");
        }
        return r;
    }

    List<Request> drained() {
        List<Request> all = new java.util.ArrayList<>();
        requests.drainTo(all);
        return all;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
