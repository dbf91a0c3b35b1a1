package io.devlogs.flink;

import io.devlogs.flink.alerts.AlertOptions;
import io.devlogs.flink.alerts.AlertPipeline;
import io.devlogs.flink.config.JobArguments;
import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.flink.recording.RecordingPipeline;
import io.devlogs.flink.sources.RawLogSource;
import io.devlogs.settings.Settings;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job's entry point: reads the options (arguments {@code --key=value} or {@code --key value},
 * system properties, {@code DEVLOGS_*} environment, defaults) and runs the {@link LogPipeline} with
 * the real Kafka source and the production sinks, the alert rules and the recording rules ({@code
 * alerts.enabled}).
 */
public final class LogPipelineJob {

  public static final String JOB_NAME = "devlogs-log-pipeline";

  private LogPipelineJob() {}

  public static void main(String[] args) throws Exception {
    Settings settings = JobArguments.settings(args);
    PipelineOptions options = PipelineOptions.from(settings);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    LogPipeline.of(
            RawLogSource.builder(options.kafka()).build(),
            PipelineSinks.production(options),
            options)
        .withAlerts(AlertPipeline.production(AlertOptions.from(settings)))
        .withRecording(
            RecordingPipeline.production(
                AlertOptions.from(settings), options.windows(), options.clickhouse().endpoint()))
        .addTo(env);
    env.execute(JOB_NAME);
  }
}
