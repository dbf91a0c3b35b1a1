package io.devlogs.flink.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.alerts.AlertTransition;
import io.devlogs.flink.LogPipeline;
import io.devlogs.flink.PipelineSinks;
import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.flink.recording.RecordingPipeline;
import io.devlogs.settings.Settings;
import java.util.Map;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** The alerts' part of the real graph: names, uids, and Flink's own serializers on every edge. */
class AlertPipelineGraphTest {

  @Test
  void everyAlertOperatorHasANameAUidAndNoGenericSerializer() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.getConfig().disableGenericTypes();
    Settings settings = Settings.of(Map.of());
    PipelineOptions options = PipelineOptions.from(settings);
    AlertOptions alerts = AlertOptions.from(settings);
    LogPipeline.of(
            io.devlogs.flink.sources.RawLogSource.builder(options.kafka()).build(),
            PipelineSinks.production(options),
            options)
        .withRecording(
            RecordingPipeline.production(
                alerts, options.windows(), options.clickhouse().endpoint()))
        .withAlerts(
            (events, minutes) -> {
              SingleOutputStreamOperator<AlertTransition> transitions =
                  AlertPipeline.decide(events, minutes, Map::of, alerts.refresh());
              AlertTopicSink.attach(transitions, alerts.topic());
              AlertHistorySink.attach(transitions, alerts.postgres());
            })
        .addTo(env);

    var graph = env.getStreamGraph(false);
    // Building the job graph creates the serializer of every edge; a generic type throws here.
    assertThat(graph.getJobGraph().getNumberOfVertices()).isPositive();
    assertThat(graph.getStreamNodes())
        .allSatisfy(n -> assertThat(n.getTransformationUID()).as(n.getOperatorName()).isNotBlank());
    assertThat(graph.getStreamNodes().stream().map(StreamNode::getTransformationUID))
        .contains(
            AlertPipeline.RULES_UID,
            AlertPipeline.MATCH_UID,
            AlertPipeline.MATCH_MINUTES_UID,
            AlertPipeline.EVALUATE_UID,
            AlertTopicSink.UID,
            AlertHistorySink.UID);
  }
}
