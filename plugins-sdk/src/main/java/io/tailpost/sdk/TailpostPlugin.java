package io.tailpost.sdk;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.annotation.bundle.Attribute;
import org.osgi.annotation.bundle.Capability;

/**
 * Put on a plugin component class to advertise its type in the bundle manifest
 * ({@code Provide-Capability: tailpost.plugin;kind=...;type=...}). The configuration
 * bundle reads these capabilities to tell "type {@code foo} is not installed" apart from
 * a misspelt key, and the shell lists them as the installed plugins.
 */
@Capability(namespace = Plugins.CAPABILITY_NAMESPACE)
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface TailpostPlugin {
    /** The plugin kind: {@code reader}, {@code processor}, {@code sender} or {@code security}. */
    @Attribute("kind")
    String kind();

    /** The type name used as {@code type:} in YAML; also the last part of the factory PID. */
    @Attribute("type")
    String type();
}
