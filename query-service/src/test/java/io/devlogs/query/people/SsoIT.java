package io.devlogs.query.people;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.testing.LocalStack;
import io.devlogs.testing.LocalStackExtension;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Single sign-on end to end against a real OpenID Connect provider started by the test (panva's
 * oidc-provider): the code flow with PKCE through the provider's login form, the ID token checked
 * by Nimbus, the {@code groups} claim mapped to organisation A as editor; a person whose groups map
 * to nothing is refused; a callback without the browser's state cookie is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LocalStackExtension.class)
class SsoIT {
  private static final int APP_PORT = 23003;
  private static final int PROVIDER_PORT = 23011;
  private static final Pattern FORM_ACTION =
      Pattern.compile("action=\"(/interaction/[^\"]+/login)\"");

  private final LocalStack stack;
  private PeopleApp app;
  private PeopleFixture fixture;
  private OidcTestProvider provider;
  private String aliceEmail;

  /**
   * Logins (the provider's subjects) unique to this run: a person is found by issuer and subject.
   */
  private String alice;

  private String mallory;
  private String organisationA;

  SsoIT(LocalStack stack) {
    this.stack = stack;
  }

  @BeforeAll
  void setUp() {
    organisationA = stack.uniqueName("org-sso-a");
    aliceEmail = stack.uniqueName("alice") + "@example.test";
    alice = stack.uniqueName("alice");
    mallory = stack.uniqueName("mallory");
    String redirect = "http://127.0.0.1:" + APP_PORT + "/v1/auth/sso/callback";
    provider =
        new OidcTestProvider(
            PROVIDER_PORT,
            "devlogs-it",
            "it-client-secret",
            redirect,
            Map.of(
                alice,
                new OidcTestProvider.Account(
                    "alice-password", aliceEmail, "Alice", List.of("staff", "devlogs-a-editors")),
                mallory,
                new OidcTestProvider.Account(
                    "mallory-password",
                    stack.uniqueName("mallory") + "@example.test",
                    "Mallory",
                    List.of("contractors"))));
    app =
        new PeopleApp(
            stack,
            APP_PORT,
            Map.of(
                "people.oidc.issuer",
                provider.issuer,
                "people.oidc.client-id",
                "devlogs-it",
                "people.oidc.client-secret",
                "it-client-secret",
                "people.oidc.role-mapping",
                "devlogs-a-editors=" + organisationA + ":editor"));
    fixture = new PeopleFixture(app, organisationA, stack.uniqueName("org-sso-b"));
  }

  @AfterAll
  void tearDown() {
    if (app != null) {
      app.close();
    }
    if (provider != null) {
      provider.close();
    }
  }

  /**
   * Runs the browser through the provider: start, the provider's login form, and every redirect up
   * to devlogs' callback, whose answer is returned.
   */
  private Browser.Answer signInAtProvider(Browser browser, String login, String password) {
    Browser.Answer start = browser.get("/v1/auth/sso/start?next=/metrics");
    assertThat(start.status()).as("start: %s", start).isEqualTo(302);
    String location = start.header("Location");
    assertThat(location).startsWith(provider.issuer).contains("code_challenge_method=S256");
    Browser.Answer form = browser.follow(browser.send("GET", location, null, Map.of()));
    assertThat(form.status()).as("login form: %s", form).isEqualTo(200);
    Matcher action = FORM_ACTION.matcher(form.body());
    assertThat(action.find()).as("a login form in %s", form.body()).isTrue();
    Browser.Answer answer =
        browser.send(
            "POST",
            provider.issuer + action.group(1),
            "login=" + login + "&password=" + password,
            Map.of("Origin", provider.issuer));
    for (int hops = 0; hops < 20 && answer.status() / 100 == 3; hops++) {
      String next = answer.response().uri().resolve(answer.header("Location")).toString();
      answer = browser.send("GET", next, null, Map.of());
      if (next.startsWith(app.origin + "/v1/auth/sso/callback")) {
        return answer;
      }
    }
    throw new AssertionError("the provider never sent the browser back: " + answer);
  }

  @Test
  void aPersonOfAMappedGroupSignsInAsEditorOfTheOrganisation() {
    Browser browser = app.browser();
    Browser.Answer callback = signInAtProvider(browser, alice, "alice-password");
    assertThat(callback.status()).as("callback: %s", callback).isEqualTo(302);
    assertThat(callback.header("Location")).isEqualTo("/metrics");
    assertThat(browser.cookies).containsKey("devlogs_session");

    JsonNode session = browser.get("/v1/auth/session").json();
    assertThat(session.at("/user/email").asText()).isEqualTo(aliceEmail);
    assertThat(session.at("/project/role").asText()).isEqualTo("editor");
    assertThat(session.at("/project/organisationId").asText()).isEqualTo(fixture.a.id());
    List<String> projects = session.path("projects").findValuesAsText("projectId");
    assertThat(projects)
        .containsExactlyInAnyOrder(fixture.a.first().id(), fixture.a.second().id())
        .doesNotContain(fixture.b.first().id());
    assertThat(browser.get("/v1/logs?from=2024-01-01T00:00:00Z&to=2024-01-01T01:00:00Z").status())
        .isEqualTo(200);
    // An editor manages no keys.
    assertThat(browser.get("/v1/project/keys").status()).isEqualTo(403);

    // Signing in again finds the same person (by issuer and subject), not a second one.
    Browser again = app.browser();
    assertThat(signInAtProvider(again, alice, "alice-password").status()).isEqualTo(302);
    assertThat(again.get("/v1/auth/session").json().at("/user/id").asText())
        .isEqualTo(session.at("/user/id").asText());

    Browser owner = app.browser();
    assertThat(owner.signIn(fixture.a.owner().email(), PeopleFixture.PASSWORD).status())
        .isEqualTo(200);
    String audit = owner.get("/v1/organisations/" + fixture.a.id() + "/audit?limit=1000").body();
    assertThat(audit).contains(aliceEmail).contains("\"sso\"");
  }

  @Test
  void aPersonOfNoMappedGroupIsRefusedWithTheReason() {
    Browser browser = app.browser();
    Browser.Answer callback = signInAtProvider(browser, mallory, "mallory-password");
    assertThat(callback.status()).isEqualTo(302);
    String location = URLDecoder.decode(callback.header("Location"), StandardCharsets.UTF_8);
    assertThat(location).startsWith("/?signin_error=").contains("contractors").contains("no role");
    assertThat(browser.cookies).doesNotContainKey("devlogs_session");
    assertThat(browser.get("/v1/auth/session").status()).isEqualTo(401);
  }

  @Test
  void aCallbackWithoutTheBrowsersStateIsRefused() {
    Browser starter = app.browser();
    Browser.Answer start = starter.get("/v1/auth/sso/start");
    String state =
        URLDecoder.decode(
            start.header("Location").replaceAll(".*[?&]state=([^&]+).*", "$1"),
            StandardCharsets.UTF_8);
    Browser victim = app.browser();
    Browser.Answer forged = victim.get("/v1/auth/sso/callback?code=stolen&state=" + state);
    assertThat(forged.status()).isEqualTo(302);
    assertThat(forged.header("Location")).startsWith("/?signin_error=");
    assertThat(victim.cookies).doesNotContainKey("devlogs_session");
  }
}
