package io.tailpost.itests.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.tailpost.itests.support.HttpSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent's data folder is a 2 MiB tmpfs the test mounts: with the destination down the
 * disk buffer fills the file system, writing fails cleanly (readers pause, status says
 * why), and once the destination is back delivery frees space and everything arrives.
 */
class DiskFullTest extends AgentProcessTest {
    private Path mount;

    @BeforeEach
    void mountSmallFileSystem() throws Exception {
        mount = work.resolve("small-data");
        Files.createDirectories(mount);
        run("mount", "-t", "tmpfs", "-o", "size=2m", "tailpost-test", mount.toString());
    }

    @AfterEach
    void unmount() throws Exception {
        agents.close(); // before the base class does: a running agent keeps the mount busy
        run("umount", mount.toString());
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out
                + " (this test mounts a tmpfs and needs root)").isZero();
    }

    @Test
    void aFullFileSystemPausesReadersAndDeliveryResumesWhenSpaceIsFree() throws Exception {
        Path log = work.resolve("logs").resolve("app.log");
        Files.createDirectories(log.getParent());
        int total = 40_000; // about 5 MB: more than the file system holds
        try (HttpSink sink = new HttpSink("\"message\":\"seq (\\d+) ")) {
            sink.goDown();
            append(log, 0, total);
            Path config = fileToHttpConfig(mount, "full", log.getParent(), sink.url(), """
                    batch: {max_events: 500, timeout: 50ms}
                    retry: {initial: 50ms, max: 500ms}
                    """, """
                    buffer:
                      type: disk
                      max_bytes: 1GiB
                      segment_size: 256KiB
                    """);
            Process agent = agents.start(config);

            await("buffer fills the disk").atMost(Duration.ofSeconds(60))
                    .until(() -> agents.output(0).contains("cannot write its disk buffer"));
            assertThat(agent.isAlive()).isTrue();

            sink.comeBack();
            try {
                await("everything delivered").atMost(Duration.ofSeconds(90)).until(() -> sink.distinct() >= total);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError(sink.distinct() + " of " + total + " delivered; agent output:\n"
                        + agents.output(0), e);
            }
            assertThat(sink.distinct()).isEqualTo(total);
            assertThat(agents.output(0)).contains("disk buffer writable again");
        }
    }

    private static void append(Path log, int from, int to) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            for (int i = from; i < to; i++) {
                w.write("seq " + i + " PUT /api/stock/" + (i % 1000) + " 204 " + (i % 300) + "ms with-some-padding\n");
            }
        }
    }
}
