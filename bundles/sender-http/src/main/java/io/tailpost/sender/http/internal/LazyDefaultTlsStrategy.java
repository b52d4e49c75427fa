package io.tailpost.sender.http.internal;

import java.net.SocketAddress;

import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.net.NamedEndpoint;
import org.apache.hc.core5.reactor.ssl.TransportSecurityLayer;
import org.apache.hc.core5.util.Timeout;

/**
 * The client's default TLS (the JDK's trust store, host names verified), made on the first
 * https connection. The connection manager would otherwise make it when it is built, and
 * loading the trust store is most of the time a plain-http sender takes to start.
 */
final class LazyDefaultTlsStrategy implements TlsStrategy {
    private volatile TlsStrategy delegate;

    private TlsStrategy delegate() {
        TlsStrategy d = delegate;
        if (d == null) {
            synchronized (this) {
                d = delegate;
                if (d == null) {
                    d = DefaultClientTlsStrategy.createDefault();
                    delegate = d;
                }
            }
        }
        return d;
    }

    @Override
    @SuppressWarnings("deprecation") // required by the interface; the client calls the other one
    public boolean upgrade(TransportSecurityLayer session, HttpHost host, SocketAddress localAddress,
            SocketAddress remoteAddress, Object attachment, Timeout handshakeTimeout) {
        return delegate().upgrade(session, host, localAddress, remoteAddress, attachment, handshakeTimeout);
    }

    @Override
    public void upgrade(TransportSecurityLayer session, NamedEndpoint endpoint, Object attachment,
            Timeout handshakeTimeout, FutureCallback<TransportSecurityLayer> callback) {
        delegate().upgrade(session, endpoint, attachment, handshakeTimeout, callback);
    }
}
