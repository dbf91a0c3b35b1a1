package io.devlogs.ops.oidc;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.ops.CommandFailed;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An account at the local OpenID Connect provider, by login: its password, the email and name the
 * ID token carries, and the groups of its {@code groups} claim (mapped to organisations by {@code
 * people.oidc.role-mapping}). The local stack's demo accounts are {@code
 * stack/oidc-provider/accounts.json}.
 */
public record DemoAccount(String password, String email, String name, List<String> groups) {

  public DemoAccount {
    groups = List.copyOf(groups == null ? List.of() : groups);
  }

  /**
   * The accounts of a file: {@code {"login": {"password", "email", "name", "groups": [...]}}}.
   *
   * @throws CommandFailed naming the file and what is wrong
   */
  public static Map<String, DemoAccount> read(Path file) {
    Map<String, DemoAccount> accounts;
    try {
      accounts = new ObjectMapper().readValue(file.toFile(), new TypeReference<>() {});
    } catch (IOException e) {
      throw new CommandFailed("oidc-provider: cannot read " + file + ": " + e.getMessage());
    }
    if (accounts == null || accounts.isEmpty()) {
      throw new CommandFailed("oidc-provider: " + file + " holds no account");
    }
    accounts.forEach(
        (login, account) -> {
          if (login.isBlank()
              || account == null
              || account.password() == null
              || account.password().isBlank()
              || account.email() == null
              || !account.email().contains("@")) {
            throw new CommandFailed(
                "oidc-provider: account '"
                    + login
                    + "' of "
                    + file
                    + " needs a login, a password and an email");
          }
        });
    return Collections.unmodifiableMap(new LinkedHashMap<>(accounts));
  }
}
