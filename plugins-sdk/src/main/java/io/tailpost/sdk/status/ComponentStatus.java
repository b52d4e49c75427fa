package io.tailpost.sdk.status;

import io.tailpost.sdk.PluginKind;

/**
 * One reader, processor or sender of a pipeline.
 *
 * @param id the component id
 * @param kind reader, processor or sender
 * @param type the plugin type name
 * @param state its state
 * @param reason why it is not running, or {@code null}
 * @param events events it has handled (read, processed or delivered)
 */
public record ComponentStatus(String id, PluginKind kind, String type, State state, String reason, long events) {
}
