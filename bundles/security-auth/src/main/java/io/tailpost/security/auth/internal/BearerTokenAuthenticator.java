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

/** Adds {@code Authorization: Bearer <token>} (RFC 6750) to every request ({@code type: bearer}). */
@TailpostPlugin(kind = "security", type = "bearer")
@Designate(ocd = BearerTokenConfig.class, factory = true)
@Component(configurationPid = BearerTokenAuthenticator.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = RequestAuthenticator.class, property = Plugins.TYPE + "=bearer")
public final class BearerTokenAuthenticator implements RequestAuthenticator {
    /** Factory PID of {@code bearer} configurations. */
    static final String PID = "tailpost.security.bearer";

    private static final System.Logger LOG = System.getLogger(BearerTokenAuthenticator.class.getName());

    private final String value;

    /**
     * Checks the configuration.
     *
     * @throws IllegalArgumentException naming every bad key (never its value)
     */
    @Activate
    public BearerTokenAuthenticator(BearerTokenConfig config, Map<String, Object> properties) {
        String name = Credentials.providerName(properties);
        List<String> problems = new ArrayList<>();
        String token = Credentials.read(config::_token).trim();
        if (token.isEmpty()) {
            problems.add("token is required");
        } else if (!Credentials.isHeaderSafe(token)) {
            problems.add("token must be one line without control characters");
        }
        Credentials.check(problems, "bearer", name);
        this.value = "Bearer " + token;
        LOG.log(Level.INFO, () -> "bearer provider " + name + " ready");
    }

    @Override
    public void authenticate(String method, URI uri, HeaderSink headers) {
        headers.setHeader("Authorization", value);
    }

    @Override
    public String toString() {
        return "BearerTokenAuthenticator";
    }
}
