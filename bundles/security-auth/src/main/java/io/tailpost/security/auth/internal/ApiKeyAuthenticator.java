package io.tailpost.security.auth.internal;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tailpost.sdk.Plugins;
import io.tailpost.sdk.TailpostPlugin;
import io.tailpost.sdk.security.HeaderSink;
import io.tailpost.sdk.security.RequestAuthenticator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/** Adds a fixed API key header to every request ({@code type: api_key}). */
@TailpostPlugin(kind = "security", type = "api_key")
@Designate(ocd = ApiKeyConfig.class, factory = true)
@Component(configurationPid = ApiKeyAuthenticator.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = RequestAuthenticator.class, property = Plugins.TYPE + "=api_key")
public final class ApiKeyAuthenticator implements RequestAuthenticator {
    /** Factory PID of {@code api_key} configurations. */
    static final String PID = "tailpost.security.api_key";

    private static final System.Logger LOG = System.getLogger(ApiKeyAuthenticator.class.getName());

    private final String header;
    private final String key;

    /**
     * Checks the configuration.
     *
     * @throws IllegalArgumentException naming every bad key (never its value)
     */
    @Activate
    public ApiKeyAuthenticator(ApiKeyConfig config, Map<String, Object> properties) {
        String name = Credentials.providerName(properties);
        List<String> problems = new ArrayList<>();
        String h = Credentials.read(config::header).trim();
        if (!HeaderSink.isValidName(h)) {
            problems.add("header must be a header name (letters, digits and !#$%&'*+-.^_`|~ only)");
        }
        String k = Credentials.read(config::_key);
        if (k.isEmpty()) {
            problems.add("key is required");
        } else if (!Credentials.isHeaderSafe(k)) {
            problems.add("key must be one line without control characters");
        }
        Credentials.check(problems, "api_key", name);
        this.header = h;
        this.key = k;
        LOG.log(Level.INFO, () -> "api_key provider " + name + " ready (header " + header + ")");
    }

    @Override
    public void authenticate(String method, URI uri, HeaderSink headers) {
        headers.setHeader(header, key);
    }

    @Override
    public String toString() {
        return "ApiKeyAuthenticator[header=" + header + "]";
    }
}
