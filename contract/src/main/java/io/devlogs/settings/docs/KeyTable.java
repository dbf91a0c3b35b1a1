package io.devlogs.settings.docs;

import io.devlogs.settings.Component;
import io.devlogs.settings.Setting;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The README's key table: one Markdown row per setting, in the registry's order. */
public final class KeyTable {
  private KeyTable() {}

  static final String HEADER =
      "| key | type | default | read by | description |\n|---|---|---|---|---|\n";

  /** The table, header included, each line ending with a newline. */
  public static String markdown(List<Setting<?>> settings) {
    StringBuilder table = new StringBuilder(HEADER);
    for (Setting<?> setting : settings) {
      table
          .append("| `")
          .append(setting.key())
          .append("` | ")
          .append(cell(setting.type().name()))
          .append(setting.secret() ? ", secret" : "")
          .append(" | ")
          .append(defaultCell(setting))
          .append(" | ")
          .append(readers(setting))
          .append(" | ")
          .append(cell(setting.description()))
          .append(" |\n");
    }
    return table.toString();
  }

  private static String defaultCell(Setting<?> setting) {
    String text = value(setting.defaultValue());
    String local = setting.localStackValue();
    if (local != null && !local.equals(setting.defaultValue())) {
      text += " (local stack: " + value(local) + ")";
    }
    return text;
  }

  private static String value(String value) {
    if (value == null) {
      return "unset";
    }
    return value.isEmpty() ? "empty" : "`" + cell(value) + "`";
  }

  /** Readers in the order of {@link Component}, so the column reads the same in every row. */
  private static String readers(Setting<?> setting) {
    return Arrays.stream(Component.values())
        .filter(setting.readBy()::contains)
        .map(Component::label)
        .collect(Collectors.joining(", "));
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
