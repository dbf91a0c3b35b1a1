package io.devlogs.schema;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Applies {@code ddl/cassandra/*.cql}, waiting for schema agreement after each statement. */
final class CassandraSchema implements SchemaTarget {
  private final List<InetSocketAddress> contactPoints;
  private final String datacenter;
  private final String replication;

  CassandraSchema(List<InetSocketAddress> contactPoints, String datacenter, String replication) {
    this.contactPoints = contactPoints;
    this.datacenter = datacenter;
    this.replication = replication;
  }

  @Override
  public String name() {
    return "cassandra";
  }

  @Override
  public void apply(Path folder) throws Exception {
    CqlSessionBuilder builder = CqlSession.builder().withLocalDatacenter(datacenter);
    contactPoints.forEach(builder::addContactPoint);
    try (CqlSession session = builder.build()) {
      for (DdlScript script :
          DdlScript.readAll(folder, ".cql", Map.of("replication", replication))) {
        for (String cql : script.statements()) {
          session.execute(
              com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(cql)
                  .setTimeout(Duration.ofSeconds(30)));
        }
      }
    }
  }
}
