package io.devlogs.ops.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.ops.CommandFailed;
import io.devlogs.settings.Setting;
import io.devlogs.settings.Settings;
import io.devlogs.settings.SettingsRegistry;
import io.devlogs.settings.keys.PeopleKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The options the launcher gives the local OpenID Connect provider, from the local stack's own
 * settings and demo accounts: the provider and the query service must agree on issuer, client and
 * callback, and every demo account must be able to sign in.
 */
class LocalOidcProviderTest {
  private static final Path ROOT = Path.of("..");
  private static final Path ACCOUNTS = ROOT.resolve("stack/oidc-provider/accounts.json");
  private static final Path KEY = Path.of("/tmp/key.json");

  /** stack/local-stack.env as the settings the launcher exports to the processes it starts. */
  private static Map<String, String> localStack() throws IOException {
    Map<String, String> keyByVariable = new HashMap<>();
    for (Setting<?> setting : SettingsRegistry.all()) {
      keyByVariable.put(setting.environmentVariable(), setting.key());
    }
    Map<String, String> values = new HashMap<>();
    for (String line : Files.readAllLines(ROOT.resolve("stack/local-stack.env"))) {
      int eq = line.indexOf('=');
      if (!line.startsWith("#") && eq > 0) {
        values.put(keyByVariable.get(line.substring(0, eq)), line.substring(eq + 1));
      }
    }
    return values;
  }

  private static LocalOidcProvider provider(Map<String, String> settings) {
    return LocalOidcProvider.from(Settings.of(settings), DemoAccount.read(ACCOUNTS), KEY);
  }

  @Test
  void theLocalStacksProviderServesTheQueryServicesIssuerOnTheComponentTablesPort()
      throws IOException {
    Map<String, String> stack = localStack();
    LocalOidcProvider provider = provider(stack);

    assertThat(provider.issuer().toString()).isEqualTo(stack.get("people.oidc.issuer"));
    assertThat(provider.port()).isEqualTo(componentTablePort("oidc-provider"));
    assertThat(provider.clientId()).isEqualTo(stack.get("people.oidc.client-id")).isNotBlank();
    assertThat(provider.clientSecret())
        .isEqualTo(stack.get("people.oidc.client-secret"))
        .isNotBlank();
    assertThat(provider.redirectUris())
        .containsExactly(
            "http://127.0.0.1:" + componentTablePort("query") + "/v1/auth/sso/callback",
            "http://localhost:" + componentTablePort("query") + "/v1/auth/sso/callback");
  }

  @Test
  void everyDemoAccountIsInAGroupTheLocalStacksRoleMappingMaps() throws IOException {
    String mapping = localStack().get("people.oidc.role-mapping");
    List<String> mappedGroups =
        List.of(mapping.split(",")).stream()
            .map(e -> e.substring(0, e.indexOf('=')).trim())
            .toList();
    Map<String, DemoAccount> accounts = DemoAccount.read(ACCOUNTS);

    assertThat(accounts).isNotEmpty();
    accounts.forEach(
        (login, account) ->
            assertThat(account.groups())
                .as("groups of demo account %s", login)
                .isNotEmpty()
                .anyMatch(mappedGroups::contains));
  }

  @Test
  void theOptionsAreWhatTheScriptReads() throws IOException {
    LocalOidcProvider provider = provider(localStack());
    JsonNode options = new ObjectMapper().readTree(provider.optionsJson());

    assertThat(options.get("issuer").asText()).isEqualTo(provider.issuer().toString());
    assertThat(options.get("port").asInt()).isEqualTo(provider.port());
    assertThat(options.get("clientId").asText()).isEqualTo(provider.clientId());
    assertThat(options.get("clientSecret").asText()).isEqualTo(provider.clientSecret());
    assertThat(options.get("redirectUris")).hasSize(2);
    assertThat(options.get("signingKeyFile").asText()).isEqualTo(KEY.toString());
    JsonNode ada = options.get("accounts").get("ada");
    assertThat(ada.get("email").asText()).isEqualTo("ada@demo.devlogs.test");
    assertThat(ada.get("password").asText()).isNotBlank();
    assertThat(ada.get("groups").get(0).asText()).isEqualTo("devlogs-demo-admins");
  }

  @Test
  void aPublicOriginAndAnotherQueryPortAreCallbacksToo() {
    LocalOidcProvider provider =
        provider(
            Map.of(
                "people.oidc.issuer", "http://127.0.0.1:27401",
                "people.oidc.client-secret", "s",
                "query.port", "27490",
                "people.public-origin", "https://logs.example.test/"));

    assertThat(provider.port()).isEqualTo(27401);
    assertThat(provider.redirectUris())
        .containsExactly(
            "http://127.0.0.1:27490/v1/auth/sso/callback",
            "http://localhost:27490/v1/auth/sso/callback",
            "https://logs.example.test/v1/auth/sso/callback");
  }

  @Test
  void anIssuerOffThisMachineOrNoneOrNoSecretIsRefusedNamingTheSetting() {
    for (String issuer :
        List.of(
            "https://login.example.com",
            "http://10.0.0.5:8080",
            "http://127.0.0.1",
            "http://127.0.0.1:18095/realms/x")) {
      assertThatThrownBy(
              () ->
                  provider(
                      Map.of("people.oidc.issuer", issuer, "people.oidc.client-secret", "secret")))
          .isInstanceOf(CommandFailed.class)
          .hasMessageContaining(PeopleKeys.OIDC_ISSUER.key())
          .hasMessageContaining(issuer);
    }
    assertThatThrownBy(() -> provider(Map.of("people.oidc.client-secret", "s")))
        .isInstanceOf(CommandFailed.class)
        .hasMessageContaining("single sign-on is off");
    assertThatThrownBy(() -> provider(Map.of("people.oidc.issuer", "http://127.0.0.1:27401")))
        .isInstanceOf(CommandFailed.class)
        .hasMessageContaining(PeopleKeys.OIDC_CLIENT_SECRET.key());
  }

  @Test
  void anAccountWithoutPasswordIsRefusedNamingIt(@org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("accounts.json");
    Files.writeString(file, "{\"sam\": {\"email\": \"sam@example.test\", \"groups\": [\"g\"]}}");

    assertThatThrownBy(() -> DemoAccount.read(file))
        .isInstanceOf(CommandFailed.class)
        .hasMessageContaining("'sam'");
  }

  private static int componentTablePort(String component) throws IOException {
    Pattern row = Pattern.compile("^\\s*\"" + Pattern.quote(component) + "\\s+app\\s+(\\d+)\\b.*");
    for (String line : Files.readAllLines(ROOT.resolve("bin/lib/components.sh"))) {
      Matcher matcher = row.matcher(line);
      if (matcher.matches()) {
        return Integer.parseInt(matcher.group(1));
      }
    }
    throw new AssertionError(component + " is not in bin/lib/components.sh");
  }
}
