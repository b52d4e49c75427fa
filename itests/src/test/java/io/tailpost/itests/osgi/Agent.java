package io.tailpost.itests.osgi;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.tailpost.sdk.status.AgentStatus;
import io.tailpost.sdk.status.PipelineStatus;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** What the in-framework tests do to the running agent: write its YAML, find bundles, read status. */
final class Agent {
    private Agent() {
    }

    static BundleContext context() {
        return FrameworkUtil.getBundle(Agent.class).getBundleContext();
    }

    static Path home() {
        return Path.of(context().getProperty("tailpost.home"));
    }

    static Path configFile() {
        return Path.of(context().getProperty("tailpost.config"));
    }

    /** A fresh folder for a test's log files. */
    static Path logDir(String name) throws IOException {
        Path dir = home().resolve("logs").resolve(name);
        Files.createDirectories(dir);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir)) {
            for (Path p : old) {
                Files.delete(p);
            }
        }
        return dir;
    }

    /** Replaces the agent's YAML file atomically, as an editor or a deployment tool would. */
    static void writeConfig(String yaml) throws IOException {
        Path file = configFile();
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, yaml, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static Optional<PipelineStatus> pipeline(AgentStatus status, String name) {
        return status.pipelines().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    static Optional<Bundle> bundle(String symbolicName) {
        for (Bundle b : context().getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /** The built jar of a module of this repository, e.g. bundles/processor-json. */
    static Path moduleJar(String module) throws IOException {
        Path target = Path.of(context().getProperty("tailpost.itest.bundles")).resolve(module).resolve("target");
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "tailpost-*.jar")) {
            for (Path p : jars) {
                String n = p.getFileName().toString();
                if (!n.endsWith("-sources.jar") && !n.endsWith("-tests.jar") && !n.endsWith("-javadoc.jar")) {
                    return p;
                }
            }
        }
        throw new IOException("no jar of " + module + " under " + target);
    }

    /** Installs and starts the JSON processor bundle unless it is there already. */
    static Bundle ensureJsonProcessor() throws IOException, BundleException {
        Optional<Bundle> existing = bundle("io.tailpost.processor.json");
        Bundle b;
        if (existing.isPresent()) {
            b = existing.get();
        } else {
            try (InputStream in = Files.newInputStream(moduleJar("bundles/processor-json"))) {
                b = context().installBundle("itest:processor-json", in);
            }
        }
        b.start();
        return b;
    }

    static void uninstallJsonProcessor() throws BundleException {
        Optional<Bundle> b = bundle("io.tailpost.processor.json");
        if (b.isPresent()) {
            b.get().uninstall();
        }
    }

    /** Calls the configuration bundle's validator on a file. */
    @SuppressWarnings("unchecked")
    static List<String> validate(Path file) throws InvalidSyntaxException {
        BundleContext ctx = context();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !ctx.getServiceReferences(Function.class, "(tailpost.validator=yaml)").isEmpty());
        ServiceReference<Function> ref = ctx.getServiceReferences(Function.class, "(tailpost.validator=yaml)")
                .iterator().next();
        Function<String, List<String>> validator = ctx.getService(ref);
        try {
            return validator.apply(file.toString());
        } finally {
            ctx.ungetService(ref);
        }
    }
}
