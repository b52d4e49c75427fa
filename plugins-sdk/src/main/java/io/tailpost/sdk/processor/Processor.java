package io.tailpost.sdk.processor;

import java.util.List;

import io.tailpost.sdk.LogEvent;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A step of a pipeline's processor chain, registered as a service by a configured plugin
 * component. Processors run in the order the pipeline lists them, one batch at a time.
 *
 * <p>A processor must not throw for bad input: it records the problem on the event (for
 * example a {@code parse_error} field) and passes the event on. An exception that does
 * escape is caught by the core, counted, and recorded on every event of the batch; the
 * pipeline keeps running.
 */
@ConsumerType
public interface Processor {
    /**
     * Processes a batch in place: events may be changed, replaced, removed or added.
     * The list is mutable and owned by the caller.
     */
    void process(List<LogEvent> events);
}
