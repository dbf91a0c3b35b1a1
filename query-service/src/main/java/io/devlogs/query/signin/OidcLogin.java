package io.devlogs.query.signin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * The OpenID Connect authorization code flow with PKCE, done by Nimbus's {@code oauth2-oidc-sdk}:
 * the provider's metadata is discovered on first use (so the service starts while the provider is
 * down), the ID token's signature, issuer, audience, expiry and nonce are checked by its {@link
 * IDTokenValidator} against the provider's published keys. Thread-safe.
 */
public final class OidcLogin {
  private static final int TIMEOUT_MS = 5_000;

  private final PeopleOptions.Sso options;
  private final ClientID clientId;
  private volatile Provider provider;

  private record Provider(OIDCProviderMetadata metadata, IDTokenValidator validator) {}

  /**
   * One login between its start and its callback: kept by the service, never sent to the browser.
   */
  public record Pending(
      State state, Nonce nonce, CodeVerifier verifier, URI redirectUri, String next) {}

  /** Who the provider says signed in, and the values of the role claim. */
  public record Identity(
      String issuer, String subject, String email, String name, List<String> claimValues) {}

  /** The login failed: the message says why, for the person and the audit log. */
  public static final class SsoException extends RuntimeException {
    public SsoException(String message, Throwable cause) {
      super(message, cause);
    }

    public SsoException(String message) {
      super(message);
    }
  }

  public OidcLogin(PeopleOptions.Sso options) {
    this.options = Objects.requireNonNull(options, "options");
    this.clientId = new ClientID(options.clientId());
  }

  public PeopleOptions.Sso options() {
    return options;
  }

  /** A new login's secrets, returning to {@code redirectUri}. */
  public Pending newLogin(URI redirectUri, String next) {
    return new Pending(new State(), new Nonce(), new CodeVerifier(), redirectUri, next);
  }

  /** Where to send the browser to sign in at the provider. */
  public URI authorizationUri(Pending login) {
    OIDCProviderMetadata metadata = provider().metadata();
    return new AuthenticationRequest.Builder(
            new ResponseType(ResponseType.Value.CODE),
            new com.nimbusds.oauth2.sdk.Scope("openid", "email", "profile", options.roleClaim()),
            clientId,
            login.redirectUri())
        .endpointURI(metadata.getAuthorizationEndpointURI())
        .state(login.state())
        .nonce(login.nonce())
        .codeChallenge(login.verifier(), CodeChallengeMethod.S256)
        .build()
        .toURI();
  }

  /**
   * Finishes the login at the callback: exchanges the code (with the PKCE verifier) and checks the
   * ID token.
   *
   * @throws SsoException naming the problem (the provider's error, a bad token...)
   */
  public Identity finish(URI callback, Pending login) {
    Provider current = provider();
    AuthenticationResponse response;
    try {
      response = AuthenticationResponseParser.parse(callback);
    } catch (ParseException e) {
      throw new SsoException("the provider's answer could not be read: " + e.getMessage(), e);
    }
    if (!login.state().equals(response.getState())) {
      throw new SsoException("the provider's answer is not for this login (state)");
    }
    if (!response.indicatesSuccess()) {
      AuthenticationErrorResponse error = response.toErrorResponse();
      throw new SsoException(
          "the provider refused: "
              + error.getErrorObject().getCode()
              + (error.getErrorObject().getDescription() == null
                  ? ""
                  : " (" + error.getErrorObject().getDescription() + ")"));
    }
    AuthorizationCode code = response.toSuccessResponse().getAuthorizationCode();
    TokenRequest request =
        new TokenRequest(
            current.metadata().getTokenEndpointURI(),
            new ClientSecretBasic(clientId, new Secret(options.clientSecret())),
            new AuthorizationCodeGrant(code, login.redirectUri(), login.verifier()));
    TokenResponse tokens;
    try {
      var http = request.toHTTPRequest();
      http.setConnectTimeout(TIMEOUT_MS);
      http.setReadTimeout(TIMEOUT_MS);
      tokens = OIDCTokenResponseParser.parse(http.send());
    } catch (IOException | ParseException e) {
      throw new SsoException("the provider's token endpoint failed: " + e.getMessage(), e);
    }
    if (!tokens.indicatesSuccess()) {
      throw new SsoException(
          "the provider refused the code: " + tokens.toErrorResponse().getErrorObject().getCode());
    }
    JWT idToken = ((OIDCTokenResponse) tokens.toSuccessResponse()).getOIDCTokens().getIDToken();
    IDTokenClaimsSet claims;
    try {
      claims = current.validator().validate(idToken, login.nonce());
    } catch (BadJOSEException | JOSEException e) {
      throw new SsoException("the provider's ID token is not valid: " + e.getMessage(), e);
    }
    String email = claims.getStringClaim("email");
    if (email == null) {
      throw new SsoException("the provider sent no email claim (ask for the 'email' scope)");
    }
    String name = claims.getStringClaim("name");
    return new Identity(
        claims.getIssuer().getValue(),
        claims.getSubject().getValue(),
        email,
        name,
        claimValues(claims.getClaim(options.roleClaim())));
  }

  private static List<String> claimValues(Object claim) {
    if (claim instanceof String single) {
      return List.of(single);
    }
    if (claim instanceof List<?> list) {
      return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
    return List.of();
  }

  /** The provider's metadata and token validator, discovered once. */
  private Provider provider() {
    Provider known = provider;
    if (known != null) {
      return known;
    }
    synchronized (this) {
      if (provider == null) {
        try {
          OIDCProviderMetadata metadata =
              OIDCProviderMetadata.resolve(
                  new Issuer(options.issuer().toString()), TIMEOUT_MS, TIMEOUT_MS);
          // RS256 is every provider's default for a client that registered no other.
          List<JWSAlgorithm> offered = metadata.getIDTokenJWSAlgs();
          JWSAlgorithm algorithm =
              offered == null || offered.isEmpty() || offered.contains(JWSAlgorithm.RS256)
                  ? JWSAlgorithm.RS256
                  : offered.get(0);
          provider =
              new Provider(
                  metadata,
                  new IDTokenValidator(
                      metadata.getIssuer(), clientId, algorithm, metadata.getJWKSetURI().toURL()));
        } catch (GeneralException | IOException e) {
          throw new SsoException(
              "the single sign-on provider "
                  + options.issuer()
                  + " cannot be reached: "
                  + e.getMessage(),
              e);
        }
      }
      return provider;
    }
  }
}
