package io.tailpost.config.yaml.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The security: section and the component keys that name its providers. */
class SecuritySectionTest {
    private static final Path HOME = Path.of("/agent").toAbsolutePath();

    private static Compilation compile(String yaml) {
        return new ConfigCompiler(Map.of(), TestCatalog.standard(), HOME, HOME.resolve("data")).compile("tp.yaml", yaml);
    }

    private static DesiredConfiguration find(Compilation c, String factoryPid, String name) {
        return c.state().configurations().stream()
                .filter(d -> d.factoryPid().equals(factoryPid) && d.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(factoryPid + "~" + name + " not in " + c.state().configurations()));
    }

    @Test
    void aProviderBecomesAConfigurationAndASenderReferenceTargetsIt() {
        Compilation c = compile("""
                security:
                  corp-key:
                    type: api_key
                    header: X-API-Key
                    key: s3cret
                pipelines:
                  app:
                    readers:
                      - type: file
                        paths: [/a.log]
                    senders:
                      - type: http
                        url: https://logs.example/ingest
                        auth: corp-key
                """);
        assertThat(c.lines()).isEmpty();
        assertThat(find(c, "tailpost.security.api_key", "corp-key").properties())
                .containsEntry("tailpost.security.name", "corp-key").containsEntry("header", "X-API-Key")
                // A secret goes to a private property (leading dot), which DS never publishes on the service.
                .containsEntry(".key", "s3cret").doesNotContainKey("key");
        assertThat(find(c, "tailpost.sender.http", "app-http-1").properties())
                .containsEntry("auth", "corp-key")
                .containsEntry("auth.target", "(tailpost.security.name=corp-key)")
                .containsEntry("auth.cardinality.minimum", 1);
    }

    @Test
    void anUnknownProviderNameIsAnErrorNamingTheDefinedOnes() {
        Compilation c = compile("""
                security:
                  corp-key: {type: api_key, key: k}
                pipelines:
                  app:
                    readers:
                      - type: file
                        paths: [/a.log]
                    senders:
                      - type: http
                        url: https://logs.example/ingest
                        auth: other-key
                """);
        assertThat(c.lines()).containsExactly("tp.yaml:9:9: error: pipelines.app.senders[0].auth: no security provider"
                + " named 'other-key' (defined: corp-key)");
    }

    @Test
    void providersAreNamedByTheirKeyAndCheckedAgainstTheirMetatype() {
        Compilation c = compile("""
                security:
                  bad name!: {type: api_key, key: k}
                  with-id: {type: api_key, key: k, id: x}
                  missing: {type: api_key, header: H}
                  later: {type: oauth2, client: c}
                pipelines:
                  app:
                    readers:
                      - type: file
                        paths: [/a.log]
                    senders:
                      - type: console
                """);
        assertThat(c.lines()).anySatisfy(l -> assertThat(l).startsWith("tp.yaml:2:3: error: security.bad name!:"))
                .anySatisfy(l -> assertThat(l).startsWith("tp.yaml:3:").contains("remove 'id'"))
                .anySatisfy(l -> assertThat(l).startsWith("tp.yaml:4:").contains("key"))
                .anySatisfy(l -> assertThat(l).startsWith("tp.yaml:5:").contains("warning")
                        .contains("security type 'oauth2' is not installed: components that use provider 'later'"));
    }
}
