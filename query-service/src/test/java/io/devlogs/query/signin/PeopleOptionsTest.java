package io.devlogs.query.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.query.people.Role;
import io.devlogs.settings.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeopleOptionsTest {

  @Test
  void theDefaultsHaveNoSingleSignOnAndNoDeclaredOrigin() {
    PeopleOptions options = PeopleOptions.from(Settings.of(Map.of()));
    assertThat(options.sso()).isEmpty();
    assertThat(options.publicOrigin()).isEmpty();
    assertThat(options.httpsOrigin()).isFalse();
    assertThat(options.sessionLifetime()).isEqualTo(Duration.ofHours(12));
    assertThat(options.idleTimeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(options.lockout().accountFailures()).isEqualTo(5);
    assertThat(options.publicLinks())
        .isEqualTo(
            new PeopleOptions.PublicLinkLimits(
                Duration.ofDays(30), 500, 4 * 1024 * 1024, Duration.ofMinutes(10), 20));
  }

  @Test
  void thePublicLinkLimitsAreSettings() {
    PeopleOptions options =
        PeopleOptions.from(
            Settings.of(
                Map.of(
                    "people.public-link.max-lifetime", "7d",
                    "people.public-link.snapshot-events", "100",
                    "people.public-link.snapshot-max-bytes", "65536",
                    "people.public-link.audit-window", "1min",
                    "people.public-link.audit-addresses", "3")));
    assertThat(options.publicLinks())
        .isEqualTo(
            new PeopleOptions.PublicLinkLimits(
                Duration.ofDays(7), 100, 65_536, Duration.ofMinutes(1), 3));
    assertThatThrownBy(
            () -> PeopleOptions.from(Settings.of(Map.of("people.public-link.audit-window", "0s"))))
        .hasMessageContaining("people.public-link.audit-window must be positive");
  }

  @Test
  void theRoleMappingNamesOrganisationsAndRoles() {
    assertThat(PeopleOptions.roleMapping(" acme-admins=acme:admin, ops = Ops Team:viewer ,"))
        .containsEntry("acme-admins", new PeopleOptions.Grant("acme", Role.ADMIN))
        .containsEntry("ops", new PeopleOptions.Grant("Ops Team", Role.VIEWER))
        .hasSize(2);
    assertThatThrownBy(() -> PeopleOptions.roleMapping("acme-admins=acme"))
        .hasMessageContaining("people.oidc.role-mapping")
        .hasMessageContaining("acme-admins=acme");
    assertThatThrownBy(() -> PeopleOptions.roleMapping("g=acme:boss"))
        .hasMessageContaining("unknown role 'boss'");
  }

  @Test
  void anHttpsOriginMakesCookiesSecureAndAPathIsRefused() {
    PeopleOptions options =
        PeopleOptions.from(
            Settings.of(
                Map.of(
                    "people.public-origin", "https://logs.example.com/",
                    "people.oidc.issuer", "https://id.example.com",
                    "people.oidc.role-mapping", "devs=acme:editor")));
    assertThat(options.publicOrigin()).contains("https://logs.example.com");
    assertThat(options.httpsOrigin()).isTrue();
    assertThat(options.sso().orElseThrow().roleClaim()).isEqualTo("groups");
    assertThatThrownBy(
            () ->
                PeopleOptions.from(
                    Settings.of(Map.of("people.public-origin", "https://logs.example.com/app"))))
        .hasMessageContaining("people.public-origin");
  }

  @Test
  void theSessionCookieIsHttpOnlyLaxAndSecureOnlyWhenAsked() {
    assertThat(SessionCookie.value("abc", 60, false))
        .isEqualTo("devlogs_session=abc; Path=/; Max-Age=60; HttpOnly; SameSite=Lax");
    assertThat(SessionCookie.value("abc", 60, true)).endsWith("; Secure");
  }

  @Test
  void theCsrfTokenIsBoundToTheSession() {
    assertThat(Csrf.tokenFor("session-1")).isEqualTo(Csrf.tokenFor("session-1"));
    assertThat(Csrf.tokenFor("session-1")).isNotEqualTo(Csrf.tokenFor("session-2"));
    assertThat(Csrf.valid("session-1", Csrf.tokenFor("session-1"))).isTrue();
    assertThat(Csrf.valid("session-1", Csrf.tokenFor("session-2"))).isFalse();
    assertThat(Csrf.valid("session-1", null)).isFalse();
  }

  @Test
  void afterSingleSignOnOnlyAPathOfThisSiteIsOpened() {
    assertThat(SsoController.safeNext("/search?q=x")).isEqualTo("/search?q=x");
    assertThat(SsoController.safeNext("//evil.example/x")).isEqualTo("/");
    assertThat(SsoController.safeNext("https://evil.example")).isEqualTo("/");
    assertThat(SsoController.safeNext("/\\evil.example")).isEqualTo("/");
    assertThat(SsoController.safeNext(null)).isEqualTo("/");
  }
}
