package io.tailpost.security.tls.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import io.tailpost.sdk.Plugins;
import io.tailpost.sdk.TailpostPlugin;
import io.tailpost.sdk.security.SecurityProviders;
import io.tailpost.sdk.security.TlsContextProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * A named TLS context ({@code type: tls}): trusted CAs, an optional client certificate
 * for mutual TLS, protocols, and whether the server's certificate and host name are
 * verified. Files are read and the context built at activation, so a bad file fails the
 * provider (and the senders waiting for it) with a message naming the key and file;
 * changing the configuration builds it again.
 */
@TailpostPlugin(kind = "security", type = "tls")
@Designate(ocd = TlsProviderConfig.class, factory = true)
@Component(configurationPid = TlsContextService.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = TlsContextProvider.class, property = Plugins.TYPE + "=tls")
public final class TlsContextService implements TlsContextProvider {
    /** Factory PID of {@code tls} configurations. */
    static final String PID = "tailpost.security.tls";

    private static final System.Logger LOG = System.getLogger(TlsContextService.class.getName());
    private static final char[] NO_PASSWORD = new char[0];

    private final String name;
    private final SSLContext context;
    private final String[] protocols;
    private final boolean verifyHostname;

    /**
     * Reads the files and builds the context.
     *
     * @throws IllegalArgumentException naming every bad key and file, which fails activation
     */
    @Activate
    public TlsContextService(TlsProviderConfig config, Map<String, Object> properties) {
        Object n = properties.get(SecurityProviders.NAME);
        this.name = n != null ? n.toString() : String.valueOf(properties.getOrDefault(Plugins.ID, "tls"));
        List<String> problems = new ArrayList<>();
        TrustManager[] trust = trustManagers(config, problems);
        KeyManager[] keys = keyManagers(config, problems);
        this.protocols = protocols(config.protocols(), problems);
        SSLContext ctx = null;
        if (problems.isEmpty()) {
            try {
                ctx = SSLContext.getInstance("TLS");
                ctx.init(keys, trust, null);
            } catch (GeneralSecurityException e) {
                problems.add("cannot create a TLS context: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid tls security provider '" + name + "': "
                    + String.join("; ", problems));
        }
        this.context = ctx;
        this.verifyHostname = config.verify() && config.verify_hostname();
        if (!config.verify()) {
            LOG.log(Level.WARNING, "tls provider " + name + ": server certificates are NOT verified (verify: false);"
                    + " any server, or anyone in between, is accepted. Use this for tests only.");
        } else if (!config.verify_hostname()) {
            LOG.log(Level.WARNING, "tls provider " + name + ": server host names are NOT checked against their"
                    + " certificates (verify_hostname: false).");
        }
        LOG.log(Level.INFO, () -> "tls provider " + name + " ready (" + describe(config) + ")");
    }

    @Override
    public SSLContext sslContext() {
        return context;
    }

    @Override
    public String[] protocols() {
        return protocols == null ? null : protocols.clone();
    }

    @Override
    public boolean verifyHostname() {
        return verifyHostname;
    }

    private static String describe(TlsProviderConfig config) {
        StringBuilder s = new StringBuilder();
        s.append(config.ca_file().isBlank() ? "default trust store" : "CAs from " + config.ca_file().trim());
        if (!config.cert_file().isBlank()) {
            s.append(", client certificate ").append(config.cert_file().trim());
        } else if (!config.key_store_file().isBlank()) {
            s.append(", client key store ").append(config.key_store_file().trim());
        }
        return s.toString();
    }

    private static TrustManager[] trustManagers(TlsProviderConfig config, List<String> problems) {
        if (!config.verify()) {
            return new TrustManager[] {new AcceptingTrustManager()};
        }
        String caFile = config.ca_file().trim();
        if (caFile.isEmpty()) {
            return null; // the JDK's default trust store
        }
        try {
            List<X509Certificate> cas = PemFiles.certificates(Path.of(caFile), "ca_file");
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("ca-" + i, cas.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            return tmf.getTrustManagers();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        } catch (GeneralSecurityException | IOException e) {
            problems.add("ca_file: cannot build a trust store from " + caFile + ": " + e.getMessage());
        }
        return null;
    }

    private static KeyManager[] keyManagers(TlsProviderConfig config, List<String> problems) {
        String certFile = config.cert_file().trim();
        String keyFile = config.key_file().trim();
        String storeFile = config.key_store_file().trim();
        if (certFile.isEmpty() != keyFile.isEmpty()) {
            problems.add("cert_file and key_file go together: set both or neither");
            return null;
        }
        if (!certFile.isEmpty() && !storeFile.isEmpty()) {
            problems.add("set either cert_file and key_file or key_store_file, not both");
            return null;
        }
        try {
            KeyStore store;
            char[] password = NO_PASSWORD;
            if (!certFile.isEmpty()) {
                List<X509Certificate> chain = PemFiles.certificates(Path.of(certFile), "cert_file");
                PrivateKey key = PemFiles.privateKey(Path.of(keyFile), "key_file");
                store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("client", key, password, chain.toArray(new X509Certificate[0]));
            } else if (!storeFile.isEmpty()) {
                password = config._key_store_password().toCharArray();
                byte[] bytes = PemFiles.read(Path.of(storeFile), "key_store_file");
                store = loadKeyStore(bytes, password, storeFile);
            } else {
                return null;
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            return kmf.getKeyManagers();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        } catch (GeneralSecurityException | IOException e) {
            problems.add((certFile.isEmpty() ? "key_store_file: " + storeFile : "cert_file/key_file: " + certFile)
                    + ": cannot use the client key: " + e.getMessage());
        }
        return null;
    }

    private static KeyStore loadKeyStore(byte[] bytes, char[] password, String file)
            throws GeneralSecurityException, IOException {
        String type = file.toLowerCase(Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12";
        KeyStore store = KeyStore.getInstance(type);
        try {
            store.load(new ByteArrayInputStream(bytes), password);
        } catch (IOException e) {
            throw new IOException("cannot open it as " + type + " (wrong password or format?)", e);
        }
        return store;
    }

    private static String[] protocols(String[] configured, List<String> problems) {
        if (configured == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String p : configured) {
            if (p == null || p.isBlank()) {
                continue; // metatype writes an empty default as one empty value
            }
            String v = p.trim();
            if (!v.matches("TLSv1(\\.[0-3])?")) {
                problems.add("protocols: '" + v + "' is not a TLS version (TLSv1.2, TLSv1.3)");
                continue;
            }
            out.add(v);
        }
        return out.isEmpty() ? null : out.toArray(new String[0]);
    }

    /** Accepts every server certificate: what {@code verify: false} asks for. */
    private static final class AcceptingTrustManager extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // verify: false accepts any server by design.
            assert chain != null;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // verify: false accepts any server by design.
            assert chain != null;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // verify: false accepts any server by design.
            assert chain != null;
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
