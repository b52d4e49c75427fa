package io.tailpost.sender.console.internal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.Plugins;
import io.tailpost.sdk.TailpostPlugin;
import io.tailpost.sdk.json.ByteArrayBuilder;
import io.tailpost.sdk.json.EventJson;
import io.tailpost.sdk.sender.SendOutcome;
import io.tailpost.sdk.sender.Sender;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@code console} sender: writes each event as one line to the process's standard
 * output (or standard error), for trying out and debugging pipelines.
 *
 * <p>{@code format: text} writes the message bytes as they are (the fields as a JSON
 * object when the event has no message); {@code format: json} writes the whole event as
 * {@link EventJson} does. A batch is encoded into one buffer and written with one call,
 * so the lines of concurrent batches, and of several console senders, never interleave.
 * It writes to the file descriptor rather than {@code System.out}, which swallows errors
 * and may have been redirected by a shell: a failed write is a retryable outcome.
 */
@TailpostPlugin(kind = "sender", type = "console")
@Designate(ocd = ConsoleSenderConfig.class, factory = true)
@Component(configurationPid = ConsoleSender.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Sender.class, property = Plugins.TYPE + "=console")
public class ConsoleSender implements Sender {
    /** The factory PID of this plugin type. */
    static final String PID = "tailpost.sender.console";

    private static final System.Logger LOG = System.getLogger(ConsoleSender.class.getName());

    /** Shared by every console sender, so that they all lock the same object per stream. */
    private static final OutputStream STDOUT = new FileOutputStream(FileDescriptor.out);
    private static final OutputStream STDERR = new FileOutputStream(FileDescriptor.err);

    /** A buffer that grew past this for a large batch is dropped after use instead of kept. */
    private static final int MAX_RETAINED_BYTES = 4 << 20;
    private static final int INITIAL_BYTES = 8192;
    private static final byte[] EMPTY_OBJECT = {'{', '}'};

    private final boolean json;
    private final String streamName;
    private final OutputStream out;
    private ByteArrayBuilder buffer = new ByteArrayBuilder(INITIAL_BYTES); // guarded by this

    /**
     * Creates the sender from its configuration.
     *
     * @throws IllegalArgumentException naming the key when {@code format} or {@code stream} is unknown
     */
    @Activate
    public ConsoleSender(ConsoleSenderConfig config) {
        this(config, stream(config.stream()));
    }

    /** For tests: writes to {@code out} instead of the configured stream. */
    ConsoleSender(ConsoleSenderConfig config, OutputStream out) {
        this.json = isJson(config.format());
        this.streamName = normalise(config.stream());
        this.out = Objects.requireNonNull(out, "out");
        LOG.log(Level.DEBUG, () -> "console sender writes " + (json ? "json" : "text") + " to " + streamName);
    }

    private static boolean isJson(String format) {
        switch (normalise(format)) {
            case "text":
                return false;
            case "json":
                return true;
            default:
                throw new IllegalArgumentException("format: '" + format + "' is not a console format (use text or json)");
        }
    }

    private static OutputStream stream(String name) {
        switch (normalise(name)) {
            case "stdout":
                return STDOUT;
            case "stderr":
                return STDERR;
            default:
                throw new IllegalArgumentException("stream: '" + name + "' is not a console stream (use stdout or stderr)");
        }
    }

    private static String normalise(String value) {
        return value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public CompletionStage<SendOutcome> send(List<LogEvent> batch) {
        if (batch.isEmpty()) {
            return CompletableFuture.completedFuture(SendOutcome.delivered());
        }
        synchronized (this) {
            ByteArrayBuilder buf = buffer;
            buf.reset();
            for (LogEvent event : batch) {
                encode(event, buf);
            }
            try {
                synchronized (out) {
                    buf.writeTo(out);
                    out.flush();
                }
            } catch (IOException e) {
                LOG.log(Level.DEBUG, () -> "writing a batch to " + streamName + " failed", e);
                return CompletableFuture.completedFuture(
                        SendOutcome.retryable("writing to " + streamName + " failed: " + e.getMessage()));
            } finally {
                if (buf.array().length > MAX_RETAINED_BYTES) {
                    buffer = new ByteArrayBuilder(INITIAL_BYTES);
                }
            }
        }
        return CompletableFuture.completedFuture(SendOutcome.delivered());
    }

    private void encode(LogEvent event, ByteArrayBuilder buf) {
        if (json) {
            EventJson.writeEvent(event, buf);
        } else if (event.hasMessage()) {
            buf.write(event.messageArray(), event.messageOffset(), event.messageLength());
        } else if (event.hasFields()) {
            EventJson.writeValue(event.fields(), buf);
        } else {
            buf.write(EMPTY_OBJECT);
        }
        buf.write('\n');
    }
}
