package io.devlogs.query.people;

import static io.devlogs.query.support.QueryApi.enc;
import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.query.people.PeopleFixture.Person;
import io.devlogs.testing.LocalStack;
import io.devlogs.testing.LocalStackExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Password sign-in on the real stack: the lockout per account and per address (429 with
 * Retry-After, the right password refused too, lifted after its duration), CSRF refusals, session
 * expiry, idle timeout, sign-out and sign-out everywhere, and invitations used once and expiring.
 * Time is moved by the app's clock, not waited for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LocalStackExtension.class)
class SignInIT {
  private static final int PORT = 23002;
  private static final String LOOPBACK = "address:127.0.0.1";

  private final LocalStack stack;
  private PeopleApp app;
  private PeopleFixture fixture;
  private final String range;

  SignInIT(LocalStack stack) {
    this.stack = stack;
    Instant now = Instant.now();
    this.range = "from=" + enc(now.minusSeconds(600)) + "&to=" + enc(now.plusSeconds(60));
  }

  @BeforeAll
  void setUp() {
    forgetLoopbackFailures();
    app =
        new PeopleApp(
            stack,
            PORT,
            Map.of(
                "people.lockout.account-failures", "3",
                "people.lockout.address-failures", "8",
                "people.lockout.window", "10min",
                "people.lockout.duration", "5min",
                "people.session-lifetime", "2h",
                "people.session-idle-timeout", "30min",
                "people.invitation-lifetime", "1d"));
    fixture = new PeopleFixture(app);
  }

  @AfterAll
  void tearDown() {
    forgetLoopbackFailures();
    if (app != null) {
      app.close();
    }
  }

  /** Every test here signs in from 127.0.0.1: its address count is this class's alone. */
  private void forgetLoopbackFailures() {
    try (Connection connection = ProjectsDatabase.connect(stack.settings()).openConnection();
        PreparedStatement delete =
            connection.prepareStatement("DELETE FROM sign_in_throttle WHERE subject = ?")) {
      delete.setString(1, LOOPBACK);
      delete.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A new browser signed in as the person on the project: the clock moves in these tests, so the
   * fixture's own sessions may have ended.
   */
  private Browser signedIn(Person person, String projectId) {
    Browser browser = app.browser();
    Browser.Answer answer = browser.signIn(person.email(), PeopleFixture.PASSWORD);
    assertThat(answer.status()).as("sign-in of %s: %s", person.email(), answer).isEqualTo(200);
    browser.choose(projectId);
    return browser;
  }

  @Test
  void anAccountIsLockedOutAfterItsFailuresAndOpensAgainAfterTheDuration() {
    forgetLoopbackFailures();
    Person viewer = fixture.a.viewer();
    Browser browser = app.browser();
    assertThat(browser.signIn(viewer.email(), "wrong password 1").status()).isEqualTo(401);
    Browser.Answer second = browser.signIn(viewer.email(), "wrong password 2");
    assertThat(second.status()).isEqualTo(401);
    assertThat(second.error()).isEqualTo("invalid_credentials");
    Browser.Answer third = browser.signIn(viewer.email(), "wrong password 3");
    assertThat(third.status()).isEqualTo(429);
    assertThat(third.error()).isEqualTo("rate_limited");
    assertThat(third.json().at("/detail/limit").asText())
        .isEqualTo("people.lockout.account-failures");
    assertThat(Long.parseLong(third.header("Retry-After"))).isBetween(1L, 300L);

    Browser.Answer rightPassword = browser.signIn(viewer.email(), PeopleFixture.PASSWORD);
    assertThat(rightPassword.status())
        .as("the right password is refused while locked")
        .isEqualTo(429);
    // Another account from the same address is not locked (the address has 3 of its 8 failures).
    assertThat(app.browser().signIn(fixture.a.editor().email(), PeopleFixture.PASSWORD).status())
        .isEqualTo(200);

    app.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    assertThat(browser.signIn(viewer.email(), PeopleFixture.PASSWORD).status()).isEqualTo(200);

    var audit =
        signedIn(fixture.a.owner(), fixture.a.first().id())
            .get("/v1/organisations/" + fixture.a.id() + "/audit?limit=1000")
            .body();
    assertThat(audit).contains("\"locked_out\"").contains("\"sign_in_failed\"");
  }

  @Test
  void anAddressIsLockedOutAfterItsFailuresWhateverTheEmail() {
    forgetLoopbackFailures();
    Browser browser = app.browser();
    for (int i = 0; i < 7; i++) {
      Browser.Answer answer = browser.signIn(fixture.email("nobody-" + i), "guess " + i);
      assertThat(answer.status()).as("guess %s: %s", i, answer).isEqualTo(401);
    }
    Browser.Answer eighth = browser.signIn(fixture.email("nobody-8"), "guess 8");
    assertThat(eighth.status()).isEqualTo(429);
    assertThat(eighth.json().at("/detail/limit").asText())
        .isEqualTo("people.lockout.address-failures");
    assertThat(app.browser().signIn(fixture.a.admin().email(), PeopleFixture.PASSWORD).status())
        .as("every account from a locked address waits")
        .isEqualTo(429);
    app.clock.advance(Duration.ofMinutes(6));
    forgetLoopbackFailures();
    assertThat(app.browser().signIn(fixture.a.admin().email(), PeopleFixture.PASSWORD).status())
        .isEqualTo(200);
  }

  @Test
  void stateChangingRequestsNeedTheOriginAndTheSessionsToken() {
    Browser browser = app.browser();
    assertThat(browser.signIn(fixture.a.editor().email(), PeopleFixture.PASSWORD).status())
        .isEqualTo(200);
    String token = browser.csrfToken;

    Browser.Answer noToken =
        browser.send("POST", app.origin + "/v1/auth/sign-out-everywhere", null, Map.of());
    assertThat(noToken.status()).isEqualTo(403);
    assertThat(noToken.json().at("/detail/check").asText()).isEqualTo("csrfToken");

    Browser.Answer wrongToken =
        browser.send(
            "PUT",
            app.origin + "/v1/auth/session",
            Map.of("projectId", fixture.a.first().id()),
            Map.of("X-CSRF-Token", token.substring(1) + "x"));
    assertThat(wrongToken.status()).isEqualTo(403);

    Browser.Answer otherSite =
        browser.send(
            "POST",
            app.origin + "/v1/auth/sign-out",
            null,
            Map.of("X-CSRF-Token", token, "Origin", "https://evil.example"));
    assertThat(otherSite.status()).isEqualTo(403);
    assertThat(otherSite.json().at("/detail/check").asText()).isEqualTo("origin");

    Browser.Answer noOrigin =
        browser.send(
            "POST",
            app.origin + "/v1/auth/sign-out",
            null,
            Map.of("X-CSRF-Token", token, "No-Origin", ""));
    assertThat(noOrigin.status()).isEqualTo(403);

    Browser.Answer loginFromElsewhere =
        app.browser()
            .send(
                "POST",
                app.origin + "/v1/auth/sign-in",
                Map.of("email", fixture.a.editor().email(), "password", PeopleFixture.PASSWORD),
                Map.of("Origin", "https://evil.example"));
    assertThat(loginFromElsewhere.status()).isEqualTo(403);

    // Still signed in: none of the refused requests changed anything.
    assertThat(browser.get("/v1/logs?" + range).status()).isEqualTo(200);
    Browser.Answer withToken =
        browser.put("/v1/auth/session", Map.of("projectId", fixture.a.first().id()));
    assertThat(withToken.status()).isEqualTo(200);
  }

  @Test
  void aSessionEndsAfterItsIdleTimeoutAndItsLifetime() {
    Browser idle = app.browser();
    assertThat(idle.signIn(fixture.a.viewer().email(), PeopleFixture.PASSWORD).status())
        .isEqualTo(200);
    Browser busy = app.browser();
    assertThat(busy.signIn(fixture.a.viewer().email(), PeopleFixture.PASSWORD).status())
        .isEqualTo(200);
    assertThat(idle.get("/v1/logs?" + range).status()).isEqualTo(200);

    // 25 minutes at a time: the busy session is used within every idle timeout, the idle one not.
    for (int i = 0; i < 4; i++) {
      app.clock.advance(Duration.ofMinutes(25));
      assertThat(busy.get("/v1/auth/session").status())
          .as("busy after %s x 25 min", i + 1)
          .isEqualTo(200);
    }
    Browser.Answer idleAnswer = idle.get("/v1/logs?" + range);
    assertThat(idleAnswer.status()).isEqualTo(401);
    assertThat(idleAnswer.error()).isEqualTo("not_signed_in");

    app.clock.advance(Duration.ofMinutes(25));
    assertThat(busy.get("/v1/auth/session").status()).as("past the 2 h lifetime").isEqualTo(401);
  }

  @Test
  void signOutEndsOneSessionAndSignOutEverywhereEndsAll() {
    Person admin = fixture.a.admin();
    Browser laptop = app.browser();
    Browser phone = app.browser();
    Browser tablet = app.browser();
    for (Browser browser : new Browser[] {laptop, phone, tablet}) {
      assertThat(browser.signIn(admin.email(), PeopleFixture.PASSWORD).status()).isEqualTo(200);
    }
    String laptopCookie = laptop.cookies.get("devlogs_session");
    assertThat(laptop.post("/v1/auth/sign-out", null).status()).isEqualTo(204);
    assertThat(laptop.cookies).doesNotContainKey("devlogs_session");
    laptop.cookies.put("devlogs_session", laptopCookie);
    assertThat(laptop.get("/v1/logs?" + range).status())
        .as("a signed-out cookie replayed")
        .isEqualTo(401);
    assertThat(phone.get("/v1/logs?" + range).status()).isEqualTo(200);

    Browser.Answer everywhere = phone.post("/v1/auth/sign-out-everywhere", null);
    assertThat(everywhere.status()).isEqualTo(200);
    assertThat(everywhere.json().path("sessionsEnded").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(phone.get("/v1/logs?" + range).status()).isEqualTo(401);
    assertThat(tablet.get("/v1/logs?" + range).status()).isEqualTo(401);
    assertThat(admin.browser().get("/v1/auth/session").status())
        .as("the fixture's own session of the admin ended too")
        .isEqualTo(401);
    assertThat(tablet.signIn(admin.email(), PeopleFixture.PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void anInvitationIsAcceptedOnceAndNotAfterItExpires() {
    Browser owner = signedIn(fixture.b.owner(), fixture.b.first().id());
    String once =
        owner
            .post(
                "/v1/project/invitations", Map.of("email", fixture.email("once"), "role", "viewer"))
            .json()
            .path("path")
            .asText();
    String late =
        owner
            .post(
                "/v1/project/invitations", Map.of("email", fixture.email("late"), "role", "viewer"))
            .json()
            .path("path")
            .asText();
    String token = once.substring(once.lastIndexOf('/') + 1);
    assertThat(app.browser().get("/v1/invitations/" + token).status()).isEqualTo(200);
    Browser.Answer weak = app.browser().accept(once, "Once", "short");
    assertThat(weak.status()).isEqualTo(400);
    assertThat(app.browser().accept(once, "Once", "long enough password").status()).isEqualTo(200);
    assertThat(app.browser().accept(once, "Twice", "long enough password").status()).isEqualTo(404);
    assertThat(app.browser().get("/v1/invitations/" + token).status()).isEqualTo(404);

    app.clock.advance(Duration.ofDays(1).plusSeconds(1));
    assertThat(app.browser().accept(late, "Late", "long enough password").status()).isEqualTo(404);
    assertThat(app.browser().get("/v1/invitations/not-a-token").status()).isEqualTo(404);
  }
}
