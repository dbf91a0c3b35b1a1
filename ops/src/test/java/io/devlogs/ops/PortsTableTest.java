package io.devlogs.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The ports are declared once, in the launcher's component table; the README's table says the same,
 * and no configuration template writes a port of its own.
 */
class PortsTableTest {
  private static final Path ROOT = Path.of("..");
  private static final Pattern ROW = Pattern.compile("^\\s*\"([a-z-]+)\\s+(infra|app)\\s+(.*)\"$");
  private static final Pattern PORT = Pattern.compile("\\b(1[0-9]{4})\\b");

  private static List<String> tablePorts() throws IOException {
    List<String> ports = new ArrayList<>();
    for (String line : Files.readAllLines(ROOT.resolve("bin/lib/components.sh"))) {
      Matcher row = ROW.matcher(line);
      if (row.matches()) {
        Matcher port = PORT.matcher(row.group(3));
        while (port.find()) {
          ports.add(port.group(1));
        }
      }
    }
    return ports;
  }

  @Test
  void theReadmesPortsAreTheTables() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    String section =
        readme.substring(readme.indexOf("## Ports"), readme.indexOf("## Configuration"));
    List<String> readmePorts = new ArrayList<>();
    Matcher port = PORT.matcher(section);
    while (port.find()) {
      readmePorts.add(port.group(1));
    }
    assertThat(tablePorts()).hasSize(20);
    assertThat(readmePorts).containsExactlyInAnyOrderElementsOf(tablePorts());
  }

  @Test
  void theTemplatesTakeTheirPortsFromTheTable() throws IOException {
    for (String template :
        List.of(
            "stack/kafka/server.properties",
            "stack/clickhouse/config.xml",
            "stack/zookeeper/zoo.cfg",
            "stack/cassandra/cassandra.yaml",
            "flink-conf/config.yaml",
            "stack/prometheus/prometheus.yml")) {
      for (String port : tablePorts()) {
        assertThat(Files.readString(ROOT.resolve(template)))
            .as("%s writes port %s itself", template, port)
            .doesNotContainPattern("\\b" + port + "\\b");
      }
    }
  }
}
