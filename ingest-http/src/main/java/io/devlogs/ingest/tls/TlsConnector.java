package io.devlogs.ingest.tls;

import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The HTTPS connector of the ingest port. Once a connector is configured, Javalin opens no plain
 * HTTP connector of its own, so the port speaks only TLS: a plain HTTP request fails its handshake.
 *
 * <p>With mutual TLS the handshake itself checks the client certificate against the truststore
 * (required: no certificate, no connection; optional: an untrusted certificate still fails), and
 * {@link SecureRequestCustomizer} hands the verified chain to the request, where {@link
 * ClientCertificateIdentity} reads it.
 */
public final class TlsConnector {

  private static final String PKCS12 = "PKCS12";

  private TlsConnector() {}

  /** Adds the HTTPS connector on {@code host:port} (port 0: any free port) to the config. */
  public static void install(JavalinConfig config, TlsOptions tls, String host, int port) {
    config.jetty.addConnector(
        (server, httpConfiguration) -> {
          HttpConfiguration https = new HttpConfiguration(httpConfiguration);
          SecureRequestCustomizer secure = new SecureRequestCustomizer();
          // Clients often connect by IP address or through a load balancer's name: the Host
          // header need not match the server certificate's names.
          secure.setSniHostCheck(false);
          https.addCustomizer(secure);
          ServerConnector connector =
              new ServerConnector(
                  server,
                  new SslConnectionFactory(sslContextFactory(tls), HttpVersion.HTTP_1_1.asString()),
                  new HttpConnectionFactory(https));
          connector.setHost(host);
          connector.setPort(port);
          return connector;
        });
  }

  static SslContextFactory.Server sslContextFactory(TlsOptions tls) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStorePath(tls.keystore().toAbsolutePath().toString());
    ssl.setKeyStoreType(PKCS12);
    ssl.setKeyStorePassword(tls.keystorePassword());
    if (tls.truststore() != null) {
      ssl.setTrustStorePath(tls.truststore().toAbsolutePath().toString());
      ssl.setTrustStoreType(PKCS12);
      ssl.setTrustStorePassword(tls.truststorePassword());
    }
    switch (tls.clientAuth()) {
      case REQUIRED -> ssl.setNeedClientAuth(true);
      case OPTIONAL -> ssl.setWantClientAuth(true);
      case NONE -> {}
    }
    return ssl;
  }
}
