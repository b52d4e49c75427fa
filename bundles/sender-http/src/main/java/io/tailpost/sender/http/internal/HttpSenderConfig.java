package io.tailpost.sender.http.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Configuration of one HTTP sender ({@code type: http} in YAML). The keys every sender
 * accepts ({@code batch.*}, {@code retry.*}) are read by the core, not here.
 */
@ObjectClassDefinition(id = HttpSender.PID, name = "TailPost HTTP sender",
        description = "POSTs each batch of events to one of a list of HTTP(S) endpoints.")
public @interface HttpSenderConfig {
    /** The endpoint every batch is POSTed to. */
    @AttributeDefinition(name = "URL",
            description = "The http:// or https:// address every batch is POSTed to. Must not carry credentials"
                    + " (user:password@); send them with auth or headers instead. Give url or urls.",
            required = false)
    String url() default "";

    /** Several endpoints. */
    @AttributeDefinition(name = "URLs",
            description = "Several endpoints of the same destination, used as load_balance says; an endpoint"
                    + " that fails is skipped until a background check finds it answering again.")
    String[] urls() default {};

    /** How endpoints are chosen. */
    @AttributeDefinition(name = "Load balance",
            description = "failover: always the first healthy endpoint in the list; round_robin: the healthy"
                    + " endpoints in turn. Either way a request that fails is tried on the next endpoint.",
            options = {@Option(label = "Failover", value = "failover"),
                @Option(label = "Round robin", value = "round_robin")})
    String load_balance() default "failover";

    /** How often unhealthy endpoints are checked. */
    @AttributeDefinition(name = "Health check interval",
            description = "How often an endpoint marked unhealthy is checked (HEAD request; any answer below 500"
                    + " makes it healthy again), e.g. 5s.")
    String health_check_interval() default "5s";

    /** How a batch is encoded in the request body. */
    @AttributeDefinition(name = "Format",
            description = "How a batch is encoded: ndjson, json_array, es_bulk (Elasticsearch/OpenSearch _bulk),"
                    + " loki (push API, JSON), splunk_hec (HTTP Event Collector), otlp_protobuf and otlp_json"
                    + " (OTLP/HTTP logs), raw (the messages, one per line).",
            options = {@Option(label = "NDJSON", value = "ndjson"), @Option(label = "JSON array", value = "json_array"),
                @Option(label = "Elasticsearch bulk", value = "es_bulk"), @Option(label = "Loki", value = "loki"),
                @Option(label = "Splunk HEC", value = "splunk_hec"),
                @Option(label = "OTLP protobuf", value = "otlp_protobuf"),
                @Option(label = "OTLP JSON", value = "otlp_json"), @Option(label = "Raw lines", value = "raw")})
    String format() default "ndjson";

    /** Compression of the request body. */
    @AttributeDefinition(name = "Compression",
            description = "Compression of the request body: none, gzip or zstd (sent with the matching"
                    + " Content-Encoding).",
            options = {@Option(label = "None", value = "none"), @Option(label = "gzip", value = "gzip"),
                @Option(label = "zstd", value = "zstd")})
    String compression() default "none";

    /** Compression level; 0 is the algorithm's default. */
    @AttributeDefinition(name = "Compression level",
            description = "gzip 1 (fastest) to 9 (smallest), zstd 1 to 19; 0 picks the default: gzip 1,"
                    + " zstd 3. Higher levels shrink bodies a little more for much more CPU.")
    int compression_level() default 0;

    /** Largest request body. */
    @AttributeDefinition(name = "Max body bytes",
            description = "Largest request body before compression (e.g. 4MiB); a larger batch is sent as several"
                    + " requests. An event larger than this on its own is still sent, alone.")
    String max_body_bytes() default "4MiB";

    /** Response timeout. */
    @AttributeDefinition(name = "Timeout",
            description = "How long to wait for a connection from the pool and, once the batch is sent, for the"
                    + " response (e.g. 500ms, 30s, 2m). A batch that times out is retried.")
    String timeout() default "30s";

    /** Connect timeout. */
    @AttributeDefinition(name = "Connect timeout",
            description = "How long to wait for a TCP connection and TLS handshake. Empty: the timeout.")
    String connect_timeout() default "";

    /** HTTP proxy. */
    @AttributeDefinition(name = "Proxy",
            description = "An HTTP proxy to connect through, http://host:port (https endpoints are tunnelled with"
                    + " CONNECT). Empty: direct.")
    String proxy() default "";

    /** Extra request headers. */
    @AttributeDefinition(name = "Headers",
            description = "Extra request headers, each 'Name: value' (for example an API key). Values are never"
                    + " logged. Content-Length, Transfer-Encoding, Connection and Content-Encoding are the"
                    + " sender's own.")
    String[] headers() default {};

    /** TLS provider name. */
    @AttributeDefinition(name = "TLS provider",
            description = "Name of a tls security provider (security: section) for https endpoints: trusted CAs,"
                    + " client certificate, verification. Empty: the Java runtime's trust store.")
    String tls() default "";

    /** Authenticator name. */
    @AttributeDefinition(name = "Authenticator",
            description = "Name of an api_key, basic or bearer security provider (security: section) that adds"
                    + " credentials to every request. Empty: none.")
    String auth() default "";

    /** es_bulk: index. */
    @AttributeDefinition(name = "Elasticsearch index",
            description = "es_bulk: the index or data stream named in each action line. Empty: the one in the URL"
                    + " (.../INDEX/_bulk).")
    String elasticsearch_index() default "";

    /** es_bulk: action. */
    @AttributeDefinition(name = "Elasticsearch action",
            description = "es_bulk: create (needed by data streams) or index.",
            options = {@Option(label = "create", value = "create"), @Option(label = "index", value = "index")})
    String elasticsearch_action() default "create";

    /** loki: stream labels. */
    @AttributeDefinition(name = "Loki labels",
            description = "loki: the stream's labels, each 'name=value'.")
    String[] loki_labels() default {"job=tailpost"};

    /** splunk_hec: index. */
    @AttributeDefinition(name = "Splunk index", description = "splunk_hec: the index of each event. Empty: the token's default.")
    String splunk_index() default "";

    /** splunk_hec: sourcetype. */
    @AttributeDefinition(name = "Splunk sourcetype", description = "splunk_hec: the sourcetype of each event. Empty: none.")
    String splunk_sourcetype() default "";

    /** splunk_hec: host. */
    @AttributeDefinition(name = "Splunk host", description = "splunk_hec: the host of each event. Empty: none.")
    String splunk_host() default "";

    /** OTLP: service name. */
    @AttributeDefinition(name = "OTLP service name",
            description = "otlp_protobuf and otlp_json: the resource attribute service.name. Empty: none.")
    String otlp_service_name() default "tailpost";
}
