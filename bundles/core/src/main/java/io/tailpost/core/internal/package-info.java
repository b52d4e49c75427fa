/** The pipeline engine: wiring of plugin services, queues, batching, retries, acknowledgements, checkpoints. */
package io.tailpost.core.internal;
