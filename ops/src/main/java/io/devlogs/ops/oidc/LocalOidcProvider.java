package io.devlogs.ops.oidc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.ops.CommandFailed;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.LocalStack;
import io.devlogs.settings.keys.PeopleKeys;
import io.devlogs.settings.keys.QueryKeys;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The local stack's OpenID Connect provider (component {@code oidc-provider}): panva's {@code
 * oidc-provider} run by {@code web/browser-tests/support/oidc-provider.mjs}, configured from the
 * query service's own single sign-on settings so the two cannot disagree: it listens on the port of
 * {@code people.oidc.issuer} and serves that issuer, registers the client {@code
 * people.oidc.client-id} with {@code people.oidc.client-secret}, and accepts the query service's
 * callback on its port ({@code query.port}, as 127.0.0.1 and localhost) and at {@code
 * people.public-origin}.
 *
 * @param signingKeyFile where the provider keeps its RSA signing key, so a restart keeps the keys
 *     the query service has fetched
 */
public record LocalOidcProvider(
    URI issuer,
    String clientId,
    String clientSecret,
    List<String> redirectUris,
    Map<String, DemoAccount> accounts,
    Path signingKeyFile) {

  /** The query service's single sign-on callback (its {@code SsoController}). */
  static final String CALLBACK_PATH = "/v1/auth/sso/callback";

  public LocalOidcProvider {
    redirectUris = List.copyOf(redirectUris);
    accounts = Map.copyOf(accounts);
  }

  /**
   * @throws CommandFailed when single sign-on is off or its issuer is not on this machine
   */
  public static LocalOidcProvider from(
      Settings settings, Map<String, DemoAccount> accounts, Path signingKeyFile) {
    URI issuer = localIssuer(settings.get(PeopleKeys.OIDC_ISSUER).trim());
    String secret = settings.get(PeopleKeys.OIDC_CLIENT_SECRET);
    if (secret.isBlank()) {
      throw new CommandFailed(
          "oidc-provider: "
              + PeopleKeys.OIDC_CLIENT_SECRET.key()
              + " is empty; the provider's client needs a secret");
    }
    int queryPort = settings.get(QueryKeys.PORT);
    List<String> redirects = new ArrayList<>();
    redirects.add("http://" + LocalStack.HOST + ":" + queryPort + CALLBACK_PATH);
    redirects.add("http://localhost:" + queryPort + CALLBACK_PATH);
    String publicOrigin = settings.get(PeopleKeys.PUBLIC_ORIGIN).trim().replaceAll("/+$", "");
    if (!publicOrigin.isEmpty() && !redirects.contains(publicOrigin + CALLBACK_PATH)) {
      redirects.add(publicOrigin + CALLBACK_PATH);
    }
    return new LocalOidcProvider(
        issuer,
        settings.get(PeopleKeys.OIDC_CLIENT_ID),
        secret,
        redirects,
        accounts,
        signingKeyFile);
  }

  /** The issuer's port: where the provider listens (on 127.0.0.1). */
  public int port() {
    return issuer.getPort();
  }

  /** The options {@code oidc-provider.mjs} reads (its {@code startOidcProvider} argument). */
  public String optionsJson() {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("issuer", issuer.toString());
    options.put("port", port());
    options.put("clientId", clientId);
    options.put("clientSecret", clientSecret);
    options.put("redirectUris", redirectUris);
    options.put("accounts", new TreeMap<>(accounts));
    options.put("signingKeyFile", signingKeyFile.toAbsolutePath().toString());
    try {
      return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(options);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static URI localIssuer(String text) {
    String key = PeopleKeys.OIDC_ISSUER.key();
    if (text.isEmpty()) {
      throw new CommandFailed("oidc-provider: " + key + " is empty, so single sign-on is off");
    }
    URI uri;
    try {
      uri = URI.create(text);
    } catch (IllegalArgumentException e) {
      throw new CommandFailed("oidc-provider: " + key + " '" + text + "' is not a URL");
    }
    boolean loopback = LocalStack.HOST.equals(uri.getHost()) || "localhost".equals(uri.getHost());
    if (!"http".equals(uri.getScheme())
        || !loopback
        || uri.getPort() < 1
        || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())
        || uri.getRawQuery() != null) {
      throw new CommandFailed(
          "oidc-provider: "
              + key
              + " is "
              + text
              + "; the local provider serves only http://"
              + LocalStack.HOST
              + ":<port>; a provider elsewhere is not the local stack's to run");
    }
    return uri;
  }
}
