package io.tailpost.config.yaml.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.metatype.MetaTypeService;

/** The component end to end, with stand-ins for the framework and ConfigAdmin. */
class YamlConfigurationLoaderTest {
    @TempDir
    Path home;

    private final FakeConfigurationAdmin admin = new FakeConfigurationAdmin();
    private final MetaTypeService metaType = Fakes.of(MetaTypeService.class, Map.of());

    private BundleContext context(Map<String, String> properties) {
        return Fakes.of(BundleContext.class, Map.of(
                "getProperty", a -> properties.get((String) a[0]),
                "getBundles", a -> new Bundle[0]));
    }

    private static final String VALID = """
            pipelines:
              app:
                readers: [{type: file, paths: [/a]}]
                senders: [{type: console}]
            """;

    @Test
    void loadsTheFileAndFollowsItsChanges() throws IOException {
        Path file = Files.writeString(home.resolve("tailpost.yaml"), VALID);
        YamlConfigurationLoader loader = new YamlConfigurationLoader(context(Map.of(
                "tailpost.config", file.toString(), "tailpost.home", home.toString(),
                "tailpost.config.poll.ms", "20")), admin, metaType);
        try {
            LoadResult first = awaitResult(loader, null);
            assertThat(first.outcome()).isEqualTo(LoadResult.Outcome.APPLIED);
            assertThat(first.applied()).isEqualTo(new ApplyResult(3, 0, 0));
            assertThat(admin.properties("tailpost.pipeline~app"))
                    .containsEntry("data.dir", home.resolve("data").toAbsolutePath().toString());
            List<String> writesAfterFirst = List.copyOf(admin.writes);

            replace(file, VALID.replace("senders: [{type: console}]", "senders: []"));
            LoadResult rejected = awaitResult(loader, first);
            assertThat(rejected.outcome()).isEqualTo(LoadResult.Outcome.REJECTED);
            assertThat(rejected.problems()).filteredOn(line -> line.contains(": error: ")).singleElement().asString()
                    .endsWith("tailpost.yaml:4:14: error: pipelines.app.senders: must list at least one sender");
            assertThat(admin.writes).isEqualTo(writesAfterFirst);

            replace(file, VALID.replace("paths: [/a]", "paths: [/a, /b]"));
            LoadResult second = awaitResult(loader, rejected);
            assertThat(second.outcome()).isEqualTo(LoadResult.Outcome.APPLIED);
            assertThat(second.applied()).isEqualTo(new ApplyResult(0, 1, 0));
        } finally {
            loader.deactivate();
        }
    }

    /** Replaces the file at once, as editors do, so the watcher never sees it half written. */
    private static void replace(Path file, String content) throws IOException {
        Path next = Files.writeString(file.resolveSibling(file.getFileName() + ".new"), content);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static LoadResult awaitResult(YamlConfigurationLoader loader, LoadResult previous) {
        await().atMost(Duration.ofSeconds(10)).until(() -> loader.lastResult() != null
                && loader.lastResult() != previous);
        return loader.lastResult();
    }

    @Test
    void doesNothingWithoutAConfigFile() {
        YamlConfigurationLoader loader = new YamlConfigurationLoader(context(Map.of()), admin, metaType);

        loader.deactivate();

        assertThat(loader.lastResult()).isNull();
        assertThat(admin.writes).isEmpty();
    }
}
