package io.tailpost.security.tls.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import io.tailpost.sdk.security.SecurityProviders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import io.tailpost.security.tls.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.util.converter.Converters;

class TlsContextServiceTest {
    @TempDir
    static Path dir;
    static TestPki.Identity server;
    static TestPki.Identity client;
    static TestPki.Identity stranger;
    static SSLServerSocket listener;
    static volatile String lastClientSubject;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestPki.create(dir, "server");
        client = TestPki.create(dir, "client");
        stranger = TestPki.create(dir, "stranger");

        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", server.key(), TestPki.PASSWORD, new java.security.cert.Certificate[] {server.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, TestPki.PASSWORD);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("client", client.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        listener = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        listener.setWantClientAuth(true);
        Thread acceptor = new Thread(TlsContextServiceTest::serve, "tls-test-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void serve() {
        while (!listener.isClosed()) {
            try (SSLSocket s = (SSLSocket) listener.accept()) {
                s.setSoTimeout(5000);
                s.startHandshake();
                try {
                    lastClientSubject = s.getSession().getPeerPrincipal().getName();
                } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                    lastClientSubject = "none";
                }
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                out.write(in.read());
                out.flush();
            } catch (IOException e) {
                lastClientSubject = "failed: " + e.getClass().getSimpleName();
            }
        }
    }

    @AfterAll
    static void stopServer() throws IOException {
        listener.close();
    }

    private static TlsContextService provider(Map<String, Object> config) {
        TlsProviderConfig cfg = Converters.standardConverter().convert(config).to(TlsProviderConfig.class);
        return new TlsContextService(cfg, Map.of(SecurityProviders.NAME, "corp-tls"));
    }

    /** Connects, handshakes and echoes one byte, as a sender would (host name checked when asked). */
    private static int roundTrip(TlsContextService provider) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try (SSLSocket socket = (SSLSocket) provider.sslContext().getSocketFactory()
                    .createSocket("127.0.0.1", listener.getLocalPort())) {
                socket.setSoTimeout(5000);
                SSLParameters params = socket.getSSLParameters();
                if (provider.verifyHostname()) {
                    params.setEndpointIdentificationAlgorithm("HTTPS");
                }
                if (provider.protocols() != null) {
                    params.setProtocols(provider.protocols());
                }
                socket.setSSLParameters(params);
                socket.getOutputStream().write(42);
                socket.getOutputStream().flush();
                return socket.getInputStream().read();
            } catch (IOException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void trustsTheConfiguredCaAndPresentsTheClientCertificate() throws Exception {
        TlsContextService tls = provider(Map.of("ca.file", server.certPem().toString(),
                "cert.file", client.certPem().toString(), "key.file", client.keyPem().toString(),
                "protocols", new String[] {"TLSv1.3"}));

        assertThat(roundTrip(tls)).isEqualTo(42);
        assertThat(lastClientSubject).isEqualTo("CN=client");
        assertThat(tls.verifyHostname()).isTrue();
        assertThat(tls.protocols()).containsExactly("TLSv1.3");
    }

    @Test
    void clientKeyStoreWorksLikePemFiles() throws Exception {
        TlsContextService tls = provider(Map.of("ca.file", server.certPem().toString(),
                "key.store.file", client.keyStore().toString(), ".key.store.password", "changeit"));

        assertThat(roundTrip(tls)).isEqualTo(42);
        assertThat(lastClientSubject).isEqualTo("CN=client");
    }

    @Test
    void aServerTheTrustStoreDoesNotKnowIsRefused() {
        TlsContextService tls = provider(Map.of("ca.file", stranger.certPem().toString()));

        assertThatThrownBy(() -> roundTrip(tls)).hasCauseInstanceOf(SSLException.class)
                .hasRootCauseInstanceOf(java.security.GeneralSecurityException.class)
                .hasStackTraceContaining("unable to find valid certification path");
    }

    @Test
    void defaultTrustStoreRefusesASelfSignedServer() {
        TlsContextService tls = provider(Map.of());

        assertThatThrownBy(() -> roundTrip(tls)).hasCauseInstanceOf(SSLException.class);
    }

    @Test
    void verifyOffAcceptsAnyServer() throws Exception {
        TlsContextService tls = provider(Map.of("verify", false));

        assertThat(roundTrip(tls)).isEqualTo(42);
        assertThat(tls.verifyHostname()).isFalse();
    }

    @Test
    void badFilesAreNamedWithTheirKey() throws IOException {
        Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");
        Path rsa = Files.writeString(dir.resolve("rsa.key"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        Map<String, Object> config = new HashMap<>();
        config.put("ca.file", dir.resolve("missing.pem").toString());
        config.put("cert.file", notPem.toString());
        config.put("key.file", rsa.toString());
        config.put("protocols", new String[] {"SSLv3"});

        assertThatThrownBy(() -> provider(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid tls security provider 'corp-tls': ")
                .hasMessageContaining("ca_file: cannot read " + dir.resolve("missing.pem"))
                .hasMessageContaining("cert_file: " + notPem + " is not a PEM certificate file")
                .hasMessageContaining("protocols: 'SSLv3' is not a TLS version");
        assertThatThrownBy(() -> provider(Map.of("cert.file", client.certPem().toString(), "key.file", rsa.toString())))
                .hasMessageContaining("key_file: " + rsa + " has no PKCS#8 private key: convert it to PKCS#8");
        assertThatThrownBy(() -> provider(Map.of("cert.file", client.certPem().toString())))
                .hasMessageContaining("cert_file and key_file go together");
        assertThatThrownBy(() -> provider(Map.of("key.store.file", client.keyStore().toString(),
                ".key.store.password", "s3cret-pw")))
                .hasMessageContaining("key_store_file: " + client.keyStore() + ": cannot use the client key")
                .hasMessageNotContaining("s3cret-pw");
    }
}
