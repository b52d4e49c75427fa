package io.tailpost.sdk;

/**
 * Names shared by the configuration bundle, the core and every plugin: service
 * properties, factory PIDs and the bundle capability that advertises a plugin type.
 *
 * <p>A plugin is a DS component with {@code configurationPolicy = REQUIRE} whose
 * configuration PID is {@code tailpost.<kind>.<type>} (see {@link PluginKind#factoryPid}).
 * The configuration bundle creates one factory configuration per YAML entry, carrying
 * the entry's keys plus {@link #PIPELINE} and {@link #ID}; DS copies them onto the
 * registered service, which is how the core finds the parts of each pipeline.
 */
public final class Plugins {
    /** Common prefix of every TailPost PID. */
    public static final String PID_PREFIX = "tailpost.";

    /** Factory PID of a pipeline definition (owned by the core). */
    public static final String PIPELINE_PID = "tailpost.pipeline";

    /** Service property: the plugin type name, the {@code type:} used in YAML. */
    public static final String TYPE = "tailpost.type";

    /** Service property: the name of the pipeline a configured component belongs to. */
    public static final String PIPELINE = "tailpost.pipeline";

    /** Service property: the component's id, unique in the agent. */
    public static final String ID = "tailpost.id";

    /**
     * Bundle capability namespace that advertises plugin types, with attributes
     * {@code kind} ({@link PluginKind#label()}) and {@code type}. Written by
     * {@link TailpostPlugin}.
     */
    public static final String CAPABILITY_NAMESPACE = "tailpost.plugin";

    private Plugins() {
    }
}
