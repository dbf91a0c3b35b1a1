package io.devlogs.flink.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.alerts.AlertTransition;
import io.devlogs.projects.PostgresOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.XADataSource;
import org.apache.flink.connector.jdbc.JdbcExactlyOnceOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.JdbcSink;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.util.function.SerializableSupplier;
import org.postgresql.xa.PGXADataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every alert transition to PostgreSQL {@code alert_history} through the Flink JDBC
 * connector's exactly-once sink ({@link JdbcSink#exactlyOnceSink}): the rows of a checkpoint are
 * written in one XA transaction, prepared when the checkpoint is taken and committed when it
 * completes; after a failure the job commits the prepared transactions its checkpoint names and
 * rolls back the others. PostgreSQL needs {@code max_prepared_transactions > 0} (the launcher
 * starts it so), and one transaction per connection ({@code withTransactionPerConnection}).
 *
 * <p><b>Delivery guarantee: exactly once.</b> The insert also skips a row whose idempotency key is
 * there ({@code ON CONFLICT DO NOTHING}), so even a transition decided twice (which the checkpoints
 * prevent) would be one row.
 */
public final class AlertHistorySink {

  private static final Logger LOG = LoggerFactory.getLogger(AlertHistorySink.class);

  public static final String NAME = "PostgreSQL alert_history";
  public static final String UID = "postgres-alert-history-sink";

  static final String INSERT =
      "INSERT INTO alert_history (project_id, rule_id, fingerprint, state, value, at, labels,"
          + " summary, idempotency_key) VALUES (?, ?::uuid, ?, ?, ?, ?, ?::jsonb, ?, ?)"
          + " ON CONFLICT (idempotency_key) DO NOTHING";

  private AlertHistorySink() {}

  /** Adds the sink to the stream of transitions. */
  public static DataStreamSink<AlertTransition> attach(
      DataStream<AlertTransition> transitions, PostgresOptions postgres) {
    return transitions
        .addSink(
            JdbcSink.exactlyOnceSink(
                INSERT,
                new Row(),
                JdbcExecutionOptions.builder()
                    .withMaxRetries(0) // required by the XA sink: a retry could write twice
                    .withBatchSize(100)
                    .withBatchIntervalMs(0)
                    .build(),
                JdbcExactlyOnceOptions.builder().withTransactionPerConnection(true).build(),
                dataSource(postgres)))
        .name(NAME)
        .uid(UID);
  }

  /**
   * Whether the database takes prepared transactions ({@code max_prepared_transactions > 0}); a
   * database that cannot be asked is taken to (the sink then waits for it like any store).
   */
  public static boolean preparedTransactionsEnabled(PostgresOptions postgres) {
    try (Connection connection = postgres.connect().openConnection();
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery("SELECT current_setting('max_prepared_transactions')")) {
      return result.next() && Integer.parseInt(result.getString(1).trim()) > 0;
    } catch (SQLException | RuntimeException e) {
      LOG.warn("Could not ask {} for max_prepared_transactions: {}", postgres, e.toString());
      return true;
    }
  }

  static SerializableSupplier<XADataSource> dataSource(PostgresOptions postgres) {
    return () -> {
      PGXADataSource source = new PGXADataSource();
      source.setUrl(postgres.url());
      source.setUser(postgres.user());
      source.setPassword(postgres.password());
      return source;
    };
  }

  /** The row of a transition. */
  static final class Row implements JdbcStatementBuilder<AlertTransition> {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void accept(PreparedStatement row, AlertTransition t) throws SQLException {
      row.setString(1, t.project());
      row.setString(2, t.ruleId());
      row.setString(3, t.fingerprint());
      row.setString(4, t.state().wireName());
      row.setDouble(5, t.value());
      row.setObject(6, OffsetDateTime.ofInstant(t.at(), ZoneOffset.UTC));
      try {
        row.setString(7, JSON.writeValueAsString(t.labels()));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new SQLException("labels of " + t.idempotencyKey() + " cannot be written", e);
      }
      row.setString(8, t.summary());
      row.setString(9, t.idempotencyKey());
    }
  }
}
