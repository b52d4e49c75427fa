package io.tailpost.sdk.status;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Service provided by the core: every configured pipeline and why it is or is not running. */
@ProviderType
public interface AgentStatus {
    /** A snapshot of every pipeline, sorted by name. */
    List<PipelineStatus> pipelines();
}
