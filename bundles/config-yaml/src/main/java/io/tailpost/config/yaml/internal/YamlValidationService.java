package io.tailpost.config.yaml.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.MetaTypeService;

/**
 * Validates a configuration file without applying it, for the launcher's {@code validate}
 * command: given a file path, returns the problem lines
 * ({@code FILE:LINE:COL: error|warning: message}); no line with {@code error} means valid.
 * Only java.* types cross the service boundary, so the launcher needs none of our classes.
 */
@Component(service = Function.class, property = "tailpost.validator=yaml")
public final class YamlValidationService implements Function<String, List<String>> {
    private final BundleContext context;
    private final PluginCatalog catalog;

    /** Creates the service. */
    @Activate
    public YamlValidationService(BundleContext context, @Reference(name = "metaType") MetaTypeService metaType) {
        this.context = context;
        this.catalog = new MetaTypePluginCatalog(context, metaType);
    }

    @Override
    public List<String> apply(String file) {
        AgentPaths paths = AgentPaths.from(context::getProperty);
        return validate(file, paths.environment(System.getenv()), catalog, paths);
    }

    static List<String> validate(String file, Map<String, String> environment, PluginCatalog catalog,
            AgentPaths paths) {
        if (file == null || file.isBlank()) {
            return List.of("error: no configuration file given");
        }
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            return List.of(file + ": error: not a valid path: " + e.getReason());
        }
        ConfigCompiler compiler = new ConfigCompiler(environment, catalog, paths.home(), paths.dataDir());
        return compiler.compile(file, path).lines();
    }
}
