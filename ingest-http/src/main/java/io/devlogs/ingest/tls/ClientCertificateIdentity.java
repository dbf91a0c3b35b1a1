package io.devlogs.ingest.tls;

import io.devlogs.projects.ProjectKey;
import io.devlogs.projects.Scope;
import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Maps a verified client certificate to a project: its subject CN is the project id, and it grants
 * the ingest scope of that project, so a shipper with a certificate needs no API key.
 *
 * <p>The truststore ({@code ingest.tls.truststore}) therefore decides who may write: it must hold
 * only a CA dedicated to devlogs ingest clients, which signs a certificate with {@code CN=<project
 * id>} for each project's shippers. Only chains that passed the TLS handshake reach this class (the
 * servlet container sets the request attribute after verification).
 */
public final class ClientCertificateIdentity {

  /** The servlet attribute holding the verified client chain (Jetty 11, Jakarta namespace). */
  static final String CERTIFICATES_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

  private static final Pattern PROJECT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  private ClientCertificateIdentity() {}

  /** The project key of the request's client certificate, or empty if it presented none. */
  public static Optional<ProjectKey> of(HttpServletRequest request) {
    if (request.getAttribute(CERTIFICATES_ATTRIBUTE) instanceof X509Certificate[] chain
        && chain.length > 0) {
      return Optional.of(new ProjectKey(projectId(chain[0]), Scope.INGEST));
    }
    return Optional.empty();
  }

  /**
   * The project id named by the certificate's subject CN.
   *
   * @throws InvalidClientCertificateException if the subject has no CN or it is not a project id
   */
  static String projectId(X509Certificate certificate) {
    String subject = certificate.getSubjectX500Principal().getName();
    try {
      for (Rdn rdn : new LdapName(subject).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          String cn = rdn.getValue().toString();
          if (!PROJECT_ID.matcher(cn).matches()) {
            throw new InvalidClientCertificateException(
                "client certificate subject CN '" + cn + "' is not a project id");
          }
          return cn;
        }
      }
    } catch (InvalidNameException e) {
      throw new InvalidClientCertificateException(
          "client certificate subject '" + subject + "' cannot be read");
    }
    throw new InvalidClientCertificateException(
        "client certificate subject '" + subject + "' has no CN naming the project");
  }

  /** A trusted certificate that names no project. */
  public static final class InvalidClientCertificateException extends RuntimeException {
    InvalidClientCertificateException(String message) {
      super(message);
    }
  }
}
