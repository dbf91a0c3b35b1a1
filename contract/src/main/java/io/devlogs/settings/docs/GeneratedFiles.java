package io.devlogs.settings.docs;

import io.devlogs.settings.SettingsRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files generated from {@link SettingsRegistry}: the key table in {@code README.md} (between
 * two marker comments) and {@code stack/local-stack.env}. A contract test fails when either differs
 * from what the registry generates; {@link #main} rewrites both.
 */
public final class GeneratedFiles {
  private GeneratedFiles() {}

  static final String HOW_TO_REGENERATE =
      "mvn -B -q -pl contract compile && java -cp contract/target/classes"
          + " io.devlogs.settings.docs.GeneratedFiles";

  static final String TABLE_BEGIN =
      "<!-- settings-table:begin (generated from the settings registry; do not edit by hand) -->\n";
  static final String TABLE_END = "<!-- settings-table:end -->\n";

  static final Path README = Path.of("README.md");
  static final Path LOCAL_STACK_ENV = Path.of("stack", "local-stack.env");

  /** Rewrites the generated files of the checkout in the working directory (or {@code args[0]}). */
  public static void main(String[] args) {
    Path root = Path.of(args.length > 0 ? args[0] : ".");
    for (Path file : stale(root)) {
      write(root.resolve(file), generated(root, file));
      System.out.println("rewrote " + file);
    }
  }

  /** The generated files of the checkout at {@code root} that differ from the registry. */
  public static List<Path> stale(Path root) {
    List<Path> stale = new ArrayList<>();
    for (Path file : List.of(README, LOCAL_STACK_ENV)) {
      Path path = root.resolve(file);
      String current = Files.exists(path) ? read(path) : "";
      if (!current.equals(generated(root, file))) {
        stale.add(file);
      }
    }
    return stale;
  }

  /** What {@code file} should contain. */
  static String generated(Path root, Path file) {
    if (file.equals(LOCAL_STACK_ENV)) {
      return LocalStackEnvironment.text(SettingsRegistry.all());
    }
    return withTable(read(root.resolve(README)), KeyTable.markdown(SettingsRegistry.all()));
  }

  /** The README with the text between its two markers replaced by {@code table}. */
  static String withTable(String readme, String table) {
    int begin = readme.indexOf(TABLE_BEGIN);
    int end = readme.indexOf(TABLE_END);
    if (begin < 0 || end < begin) {
      throw new IllegalStateException(
          "README.md has no key table between the lines "
              + TABLE_BEGIN.strip()
              + " and "
              + TABLE_END.strip());
    }
    return readme.substring(0, begin + TABLE_BEGIN.length()) + table + readme.substring(end);
  }

  private static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path path, String text) {
    try {
      Files.createDirectories(path.getParent() == null ? Path.of(".") : path.getParent());
      Files.writeString(path, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
