package io.tailpost.itests.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import io.tailpost.itests.support.HttpSink;
import io.tailpost.itests.support.PipelineYaml;
import io.tailpost.sdk.security.RequestAuthenticator;
import io.tailpost.sdk.status.AgentStatus;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

/**
 * A sender names an authentication provider from the YAML's security: section: the
 * provider is wired to it by name, its key reaches the destination, and the key is not
 * published on the provider's service.
 */
public class SecurityProviderTest {
    @InjectService(timeout = 10_000)
    AgentStatus status;

    @InjectBundleContext
    BundleContext context;

    @Test
    public void aSenderUsesTheNamedAuthenticatorAndTheSecretStaysPrivate() throws Exception {
        Path logs = Agent.logDir("secured");
        try (HttpSink sink = new HttpSink("\"message\":\"secured (\\d+)\"")) {
            try (BufferedWriter w = Files.newBufferedWriter(logs.resolve("s.log"), StandardCharsets.UTF_8)) {
                for (int i = 0; i < 50; i++) {
                    w.write("secured " + i + "\n");
                }
            }
            Agent.writeConfig("""
                    security:
                      ingest-key:
                        type: api_key
                        key: k-7f3a
                    """ + PipelineYaml.fileToHttp("secured", logs, sink.url(), """
                    auth: ingest-key
                    batch: {max_events: 50, timeout: 50ms}
                    """, ""));

            await().atMost(Duration.ofSeconds(30)).until(() -> sink.distinct() == 50);
            assertThat(sink.lastApiKey()).isEqualTo("k-7f3a");

            ServiceReference<RequestAuthenticator> ref = context
                    .getServiceReferences(RequestAuthenticator.class, "(tailpost.security.name=ingest-key)")
                    .iterator().next();
            assertThat(Arrays.asList(ref.getPropertyKeys())).doesNotContain("key", ".key");
            for (String k : ref.getPropertyKeys()) {
                assertThat(String.valueOf(ref.getProperty(k))).doesNotContain("k-7f3a");
            }
        }
    }
}
