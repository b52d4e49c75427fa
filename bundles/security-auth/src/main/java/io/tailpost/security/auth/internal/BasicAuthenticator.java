package io.tailpost.security.auth.internal;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
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

/** Adds {@code Authorization: Basic} (RFC 7617, UTF-8) to every request ({@code type: basic}). */
@TailpostPlugin(kind = "security", type = "basic")
@Designate(ocd = BasicAuthConfig.class, factory = true)
@Component(configurationPid = BasicAuthenticator.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = RequestAuthenticator.class, property = Plugins.TYPE + "=basic")
public final class BasicAuthenticator implements RequestAuthenticator {
    /** Factory PID of {@code basic} configurations. */
    static final String PID = "tailpost.security.basic";

    private static final System.Logger LOG = System.getLogger(BasicAuthenticator.class.getName());

    private final String value;

    /**
     * Checks the configuration and prepares the header value once.
     *
     * @throws IllegalArgumentException naming every bad key (never its value)
     */
    @Activate
    public BasicAuthenticator(BasicAuthConfig config, Map<String, Object> properties) {
        String name = Credentials.providerName(properties);
        List<String> problems = new ArrayList<>();
        String user = Credentials.read(config::username);
        String password = Credentials.read(config::_password);
        if (user.isEmpty()) {
            problems.add("username is required");
        } else if (user.indexOf(':') >= 0 || !Credentials.isHeaderSafe(user)) {
            problems.add("username must not contain ':' or control characters");
        }
        if (!Credentials.isHeaderSafe(password)) {
            problems.add("password must not contain control characters");
        }
        Credentials.check(problems, "basic", name);
        this.value = "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8));
        LOG.log(Level.INFO, () -> "basic provider " + name + " ready");
    }

    @Override
    public void authenticate(String method, URI uri, HeaderSink headers) {
        headers.setHeader("Authorization", value);
    }

    @Override
    public String toString() {
        return "BasicAuthenticator";
    }
}
