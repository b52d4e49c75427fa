package io.tailpost.sender.http.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Configuration of one HTTP sender ({@code type: http} in YAML). The keys every sender
 * accepts ({@code batch.*}, {@code retry.*}) are read by the core, not here.
 */
@ObjectClassDefinition(id = HttpSender.PID, name = "TailPost HTTP sender",
        description = "POSTs each batch of events to one HTTP(S) endpoint.")
public @interface HttpSenderConfig {
    /** The endpoint every batch is POSTed to. */
    @AttributeDefinition(name = "URL",
            description = "The http:// or https:// address every batch is POSTed to. Must not carry credentials"
                    + " (user:password@); send them with headers instead.")
    String url();

    /** How a batch is encoded in the request body. */
    @AttributeDefinition(name = "Format",
            description = "How a batch is encoded: ndjson (one JSON object per event and line,"
                    + " Content-Type application/x-ndjson).",
            options = @Option(label = "NDJSON", value = "ndjson"))
    String format() default "ndjson";

    /** Compression of the request body. */
    @AttributeDefinition(name = "Compression",
            description = "Compression of the request body: none, or gzip (sent with Content-Encoding: gzip).",
            options = {@Option(label = "None", value = "none"), @Option(label = "gzip", value = "gzip")})
    String compression() default "none";

    /** Connect and response timeout. */
    @AttributeDefinition(name = "Timeout",
            description = "How long to wait for a connection and, once the batch is sent, for the response"
                    + " (e.g. 500ms, 30s, 2m). A batch that times out is retried.")
    String timeout() default "30s";

    /** Extra request headers. */
    @AttributeDefinition(name = "Headers",
            description = "Extra request headers, each 'Name: value' (for example an API key). Values are never"
                    + " logged. Content-Length, Transfer-Encoding, Connection and Content-Encoding are the"
                    + " sender's own.")
    String[] headers() default {};
}
