package io.devlogs.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The statements of one DDL file, in order. Lines starting with {@code --} are comments; a
 * statement ends with a semicolon at the end of a line. {@code {{name}}} placeholders are replaced
 * with values given by the caller, and an unknown placeholder is an error.
 */
public record DdlScript(Path file, List<String> statements) {

  private static final Pattern STATEMENT_END = Pattern.compile(";[ \\t]*(\\r?\\n|$)");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z.-]+)}}");

  /** Every file with the given extension in {@code dir}, sorted by name (001_..., 002_...). */
  public static List<DdlScript> readAll(Path dir, String extension, Map<String, String> values) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("DDL folder " + dir.toAbsolutePath() + " does not exist");
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(extension))
          .sorted()
          .map(f -> read(f, values))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static DdlScript read(Path file, Map<String, String> values) {
    try {
      return new DdlScript(file, parse(Files.readString(file), values, file.getFileName()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> parse(String text, Map<String, String> values, Object source) {
    StringBuilder code = new StringBuilder();
    for (String line : text.split("\\R")) {
      if (!line.strip().startsWith("--")) {
        code.append(line).append('\n');
      }
    }
    String substituted = substitute(code.toString(), values, source);
    List<String> statements = new ArrayList<>();
    for (String statement : STATEMENT_END.split(substituted)) {
      if (!statement.isBlank()) {
        statements.add(statement.strip());
      }
    }
    return List.copyOf(statements);
  }

  private static String substitute(String code, Map<String, String> values, Object source) {
    Matcher m = PLACEHOLDER.matcher(code);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException(
            source + " uses {{" + m.group(1) + "}} but no value was given for it");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
