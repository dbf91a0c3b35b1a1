package io.devlogs.query.people;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real OpenID Connect provider for tests: panva's {@code oidc-provider} from the dashboard's npm
 * packages, started by {@code web/browser-tests/support/oidc-provider.mjs} in a Node process of its
 * own on a port of this work's range, and stopped (that process only) by {@link #close}.
 */
final class OidcTestProvider implements AutoCloseable {
  static final Path SCRIPT = Path.of("..", "web", "browser-tests", "support", "oidc-provider.mjs");
  static final Path PACKAGE = Path.of("..", "web", "node_modules", "oidc-provider");

  /** An account at the provider. */
  record Account(String password, String email, String name, List<String> groups) {}

  final String issuer;
  private final Process process;

  OidcTestProvider(
      int port,
      String clientId,
      String clientSecret,
      String redirectUri,
      Map<String, Account> accounts) {
    if (!Files.isDirectory(PACKAGE)) {
      throw new IllegalStateException(
          PACKAGE.toAbsolutePath() + " is missing: run `npm ci` in web/ (mvn builds web first)");
    }
    String options;
    try {
      options =
          new ObjectMapper()
              .writeValueAsString(
                  Map.of(
                      "port", port,
                      "clientId", clientId,
                      "clientSecret", clientSecret,
                      "redirectUris", List.of(redirectUri),
                      "accounts", accounts));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      process =
          new ProcessBuilder("node", SCRIPT.toString(), options).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start node", e);
    }
    BufferedReader output =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> ready =
        CompletableFuture.supplyAsync(
            () -> {
              StringBuilder seen = new StringBuilder();
              try {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                  if (line.startsWith("oidc-provider ready ")) {
                    drain(output);
                    return line.substring("oidc-provider ready ".length());
                  }
                  seen.append(line).append('\n');
                }
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              throw new IllegalStateException("the OIDC test provider exited:\n" + seen);
            });
    try {
      issuer = ready.get(60, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new IllegalStateException("the OIDC test provider did not start: " + e, e);
    }
  }

  /** Keeps reading the provider's output (its warnings) so it never blocks on a full pipe. */
  private static void drain(BufferedReader output) {
    Thread drainer =
        new Thread(
            () -> {
              try {
                while (output.readLine() != null) {
                  // discarded
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "oidc-provider-output");
    drainer.setDaemon(true);
    drainer.start();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
