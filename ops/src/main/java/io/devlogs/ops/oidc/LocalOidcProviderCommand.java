package io.devlogs.ops.oidc;

import io.devlogs.ops.CommandFailed;
import io.devlogs.ops.CommandMain;
import io.devlogs.settings.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@code bin/devlogs}' step before it starts the {@code oidc-provider} component: writes the
 * provider's options (a client secret among them, so readable by the owner only) from the settings
 * and the demo accounts, and prints the issuer the provider will serve.
 *
 * <p>Arguments: {@code <accounts.json> <options file to write> <signing key file>}.
 */
public final class LocalOidcProviderCommand {
  private LocalOidcProviderCommand() {}

  public static void main(String[] args) {
    CommandMain.exit(
        () -> {
          if (args.length != 3) {
            throw new CommandFailed(
                "usage: LocalOidcProviderCommand <accounts.json> <options file> <signing key file>");
          }
          LocalOidcProvider provider =
              LocalOidcProvider.from(
                  Settings.fromEnvironment(new String[0]),
                  DemoAccount.read(Path.of(args[0])),
                  Path.of(args[2]));
          write(Path.of(args[1]), provider.optionsJson());
          System.out.println(provider.issuer());
          return 0;
        });
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CommandFailed("oidc-provider: cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
