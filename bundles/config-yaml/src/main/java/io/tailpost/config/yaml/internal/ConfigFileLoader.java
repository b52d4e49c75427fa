package io.tailpost.config.yaml.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;

/**
 * Loads one version of the configuration file: compiles it and, only when it has no
 * errors, applies it; a file with errors is rejected whole and ConfigAdmin is not touched.
 * Logs every problem (errors at ERROR, warnings at WARN, one line each) and one summary line.
 */
final class ConfigFileLoader {
    private static final System.Logger LOG = System.getLogger(ConfigFileLoader.class.getName());

    private final ConfigCompiler compiler;
    private final ConfigurationApplier applier;
    private final Clock clock;

    ConfigFileLoader(ConfigCompiler compiler, ConfigurationApplier applier, Clock clock) {
        this.compiler = compiler;
        this.applier = applier;
        this.clock = clock;
    }

    /** Loads {@code content} read from {@code file}. */
    LoadResult load(String file, byte[] content) {
        return finish(file, compiler.compile(file, content));
    }

    /** Records that {@code file} could not be read; the running configuration stays. */
    LoadResult unreadable(String file, IOException e) {
        return finish(file, ConfigCompiler.unreadable(file, e));
    }

    private LoadResult finish(String file, Compilation compilation) {
        for (Problem p : compilation.problems()) {
            LOG.log(p.isError() ? Level.ERROR : Level.WARNING, p.format());
        }
        List<String> lines = compilation.lines();
        if (compilation.hasErrors()) {
            long n = compilation.errorCount();
            LOG.log(Level.ERROR, "configuration " + file + " rejected: " + n + (n == 1 ? " error" : " errors")
                    + "; the running configuration is unchanged");
            return new LoadResult(LoadResult.Outcome.REJECTED, file, clock.instant(), lines, List.of(), null);
        }
        DesiredState state = compilation.state();
        try {
            ApplyResult applied = applier.apply(state);
            int pipelines = state.pipelines().size();
            LOG.log(Level.INFO, "configuration " + file + " applied: " + pipelines
                    + (pipelines == 1 ? " pipeline" : " pipelines") + " (created " + applied.created()
                    + ", updated " + applied.updated() + ", deleted " + applied.deleted() + ")");
            return new LoadResult(LoadResult.Outcome.APPLIED, file, clock.instant(), lines, state.pipelines(), applied);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "configuration " + file + " could not be applied completely; ConfigAdmin failed", e);
            return new LoadResult(LoadResult.Outcome.FAILED, file, clock.instant(), lines, state.pipelines(), null);
        }
    }
}
