package io.devlogs.ingest.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made in the test with BouncyCastle: a CA, server certificates for {@code localhost}
 * / {@code 127.0.0.1} and client certificates with a given CN, each written as PKCS12 files the
 * server reads and turned into the JDK {@link HttpClient}'s SSL context.
 */
public final class TestCertificates {

  public static final String PASSWORD = "changeit";
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  /** A certificate authority that signs server and client certificates. */
  public record Authority(String name, KeyPair keys, X509Certificate certificate) {

    public static Authority create(String name) {
      KeyPair keys = newKeyPair();
      X500Name subject = new X500Name("CN=" + name);
      X509v3CertificateBuilder builder = builder(subject, subject, keys);
      try {
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(
            Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return new Authority(name, keys, sign(builder, keys));
    }

    /** A server certificate for localhost and 127.0.0.1, as a PKCS12 keystore file. */
    public Identity server(Path dir) {
      KeyPair serverKeys = newKeyPair();
      X509v3CertificateBuilder builder =
          builder(new X500Name("CN=" + name), new X500Name("CN=localhost"), serverKeys);
      try {
        builder.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(
                new GeneralName[] {
                  new GeneralName(GeneralName.dNSName, "localhost"),
                  new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                }));
        builder.addExtension(
            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return identity(
          dir.resolve("server-" + SERIAL.incrementAndGet() + ".p12"), builder, serverKeys);
    }

    /** A client certificate with subject {@code subject} (e.g. {@code CN=p_123}). */
    public Identity client(Path dir, String subject) {
      KeyPair clientKeys = newKeyPair();
      X509v3CertificateBuilder builder =
          builder(new X500Name("CN=" + name), new X500Name(subject), clientKeys);
      try {
        builder.addExtension(
            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return identity(
          dir.resolve("client-" + SERIAL.incrementAndGet() + ".p12"), builder, clientKeys);
    }

    /** A PKCS12 truststore holding this CA's certificate. */
    public Path truststore(Path dir) {
      try {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", certificate);
        return write(store, dir.resolve("truststore-" + SERIAL.incrementAndGet() + ".p12"));
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalStateException(e);
      }
    }

    private Identity identity(Path file, X509v3CertificateBuilder builder, KeyPair ownKeys) {
      X509Certificate own = sign(builder, keys);
      try {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(
            "key",
            ownKeys.getPrivate(),
            PASSWORD.toCharArray(),
            new Certificate[] {own, certificate});
        return new Identity(write(store, file), own);
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** A PKCS12 keystore file with one private key and its chain. */
  public record Identity(Path keystore, X509Certificate certificate) {}

  private TestCertificates() {}

  /**
   * An SSL context that trusts {@code trusted}'s CA and presents {@code client} (null: no client
   * certificate).
   */
  public static SSLContext clientContext(Authority trusted, Identity client) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", trusted.certificate());
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      KeyStore keys = KeyStore.getInstance("PKCS12");
      if (client != null) {
        try (var in = Files.newInputStream(client.keystore())) {
          keys.load(in, PASSWORD.toCharArray());
        }
      } else {
        keys.load(null, null);
      }
      kmf.init(keys, PASSWORD.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      KeyManager[] keyManagers =
          client == null
              ? kmf.getKeyManagers()
              : new KeyManager[] {
                new AlwaysPresent((X509ExtendedKeyManager) kmf.getKeyManagers()[0])
              };
      context.init(keyManagers, tmf.getTrustManagers(), new SecureRandom());
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Presents the client certificate even when its issuer is not among the CAs the server names, as
   * a hostile client would (the JDK's own key manager would silently send none).
   */
  private static final class AlwaysPresent extends X509ExtendedKeyManager {
    private final X509ExtendedKeyManager keys;

    AlwaysPresent(X509ExtendedKeyManager keys) {
      this.keys = keys;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return "key";
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
      return "key";
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[] {"key"};
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return keys.getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return keys.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return keys.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return keys.getPrivateKey(alias);
    }
  }

  /** A JDK HTTP client with that SSL context. */
  public static HttpClient httpClient(Authority trusted, Identity client) {
    return HttpClient.newBuilder()
        .sslContext(clientContext(trusted, client))
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509v3CertificateBuilder builder(
      X500Name issuer, X500Name subject, KeyPair subjectKeys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        BigInteger.valueOf(SERIAL.incrementAndGet()),
        Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(1))),
        subject,
        subjectKeys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys) {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(
                  new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path write(KeyStore store, Path file)
      throws IOException, GeneralSecurityException {
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, PASSWORD.toCharArray());
    }
    return file;
  }
}
