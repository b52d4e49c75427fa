package io.tailpost.itests.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.tailpost.itests.support.HttpSink;
import org.junit.jupiter.api.Test;

/** SIGTERM stops the agent cleanly (exit 0); a second SIGTERM during a long drain stops it at once. */
class ShutdownTest extends AgentProcessTest {
    private Path config(String url) throws IOException {
        Path logs = work.resolve("logs");
        Files.createDirectories(logs);
        Files.writeString(logs.resolve("a.log"), "one\ntwo\nthree\n");
        return fileToHttpConfig(work.resolve("data"), "stop", logs, url, """
                timeout: 60s
                batch: {timeout: 50ms}
                """, "");
    }

    @Test
    void sigtermStopsCleanly() throws Exception {
        try (HttpSink sink = new HttpSink("\"message\":\"(\\d+)\"")) {
            Process agent = agents.start(config(sink.url()));
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.lines() == 3);
            agent.destroy(); // SIGTERM
            assertThat(agent.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(agent.exitValue()).isZero();
            assertThat(agents.output(0)).contains("stopping").contains("stopped");
        }
    }

    @Test
    void aSecondSigtermDuringTheDrainStopsAtOnce() throws Exception {
        // A destination that takes connections and never answers: the drain would wait.
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException e) {
                    // the socket was closed at the end of the test
                }
            });
            acceptor.start();
            Process agent = agents.start(config("http://127.0.0.1:" + silent.getLocalPort() + "/ingest"));
            await().atMost(Duration.ofSeconds(30)).until(() -> !held.isEmpty());

            agent.destroy(); // first SIGTERM: starts draining, which cannot finish
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(agent::isAlive);
            long second = System.nanoTime();
            agent.destroy(); // second SIGTERM
            assertThat(agent.waitFor(5, TimeUnit.SECONDS)).as(agents.output(0)).isTrue();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - second)).isLessThan(3_000);
            assertThat(agent.exitValue()).isEqualTo(143);
            assertThat(agents.output(0)).contains("second SIGTERM: stopping at once");
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
