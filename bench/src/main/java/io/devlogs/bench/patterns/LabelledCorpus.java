package io.devlogs.bench.patterns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One Loghub sample ({@code X_2k.log} next to {@code X_2k.log_structured.csv}): each raw line with
 * its ground truth, the message ({@code Content}) and its event ({@code EventId}).
 *
 * @param name the sample's name ({@code HDFS}, ...)
 * @param lines the raw lines
 * @param contents the ground-truth message of each line
 * @param events the ground-truth event id of each line
 */
record LabelledCorpus(String name, List<String> lines, List<String> contents, List<String> events) {

  /** Every sample of a folder, by name. */
  static List<LabelledCorpus> readAll(Path dir) throws IOException {
    List<Path> logs;
    try (Stream<Path> files = Files.list(dir)) {
      logs = files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
    }
    List<LabelledCorpus> all = new ArrayList<>();
    for (Path log : logs) {
      Path csv = log.resolveSibling(log.getFileName() + "_structured.csv");
      if (Files.exists(csv)) {
        all.add(read(log, csv));
      }
    }
    return all;
  }

  private static LabelledCorpus read(Path log, Path csv) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    List<String> rows = Files.readAllLines(csv, StandardCharsets.UTF_8);
    List<String> header = csvFields(rows.get(0));
    int content = header.indexOf("Content");
    int event = header.indexOf("EventId");
    if (content < 0 || event < 0) {
      throw new IOException(csv + ": needs the columns Content and EventId");
    }
    int n = Math.min(lines.size(), rows.size() - 1);
    List<String> contents = new ArrayList<>(n);
    List<String> events = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      List<String> fields = csvFields(rows.get(i));
      contents.add(fields.get(content));
      events.add(fields.get(event));
    }
    String name = log.getFileName().toString().replaceFirst("(_2k)?\\.log$", "");
    return new LabelledCorpus(name, lines.subList(0, n), contents, events);
  }

  /** One RFC 4180 line: quoted fields, doubled quotes inside them. */
  static List<String> csvFields(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
