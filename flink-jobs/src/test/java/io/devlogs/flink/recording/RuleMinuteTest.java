package io.devlogs.flink.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.devlogs.latency.LatencyBuckets;
import io.devlogs.recording.RecordingRule;
import java.util.Arrays;
import java.util.Random;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class RuleMinuteTest {

  @Test
  void countSumMinMaxAreExactAndEventsWithoutANumberAreCountedOnly() {
    GroupStats stats = new GroupStats();
    for (double v : new double[] {12.5, -3, Double.NaN, 40, 0}) {
      stats.add(v);
    }
    assertThat(stats.events()).isEqualTo(5);
    assertThat(stats.values()).isEqualTo(4);
    assertThat(stats.sum()).isEqualTo(49.5);
    assertThat(stats.min()).isEqualTo(-3);
    assertThat(stats.max()).isEqualTo(40);
  }

  @Test
  void quantilesAreTheNearestRankWithinOnePercent() {
    Random random = new Random(19);
    double[] values = new double[10_000];
    GroupStats stats = new GroupStats();
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.exp(random.nextGaussian() * 2 + 3);
      stats.add(values[i]);
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    for (double q : new double[] {0.5, 0.9, 0.99}) {
      double exact = sorted[(int) Math.ceil(q * sorted.length) - 1];
      assertThat(stats.quantile(q))
          .as("p%s", q * 100)
          .isCloseTo(exact, within(exact * LatencyBuckets.RELATIVE_ERROR));
    }
    assertThat(stats.quantile(1)).isEqualTo(sorted[sorted.length - 1]);
  }

  @Test
  void groupsPastTheCapAddUpInTheOtherGroup() {
    RuleMinute minute = new RuleMinute();
    for (int i = 0; i < 10; i++) {
      minute.add("{\"user\":\"u" + (i % 5) + "\"}", i, 3);
    }
    assertThat(minute.groups()).hasSize(3);
    assertThat(minute.groups().get("{\"user\":\"u0\"}").events()).isEqualTo(2);
    assertThat(minute.other().events()).as("u3 and u4, twice each").isEqualTo(4);
    assertThat(minute.other().sum()).isEqualTo(3 + 4 + 8 + 9);
    long total =
        minute.groups().values().stream().mapToLong(GroupStats::events).sum()
            + minute.other().events();
    assertThat(total).isEqualTo(10);
  }

  @Test
  void mergedMinutesHoldWhatOneMinuteOfAllValuesHolds() {
    RuleMinute a = new RuleMinute().add("a", 1, 2).add("b", 2, 2);
    RuleMinute b = new RuleMinute().add("a", 5, 2).add("c", 7, 2);
    a.merge(b, 2);
    assertThat(a.groups().get("a").sum()).isEqualTo(6);
    assertThat(a.groups().get("a").max()).isEqualTo(5);
    assertThat(a.groups()).doesNotContainKey("c");
    assertThat(a.other().sum()).isEqualTo(7);
    assertThat(new RuleMinute().merge(a, RecordingRule.MAX_GROUPS).groups()).hasSize(2);
  }

  @Test
  void theMinuteIsAPojoOfFlinksOwnSerializersAndSurvivesACopy() throws Exception {
    TypeInformation<RuleMinute> type = TypeInformation.of(RuleMinute.class);
    assertThat(type).isInstanceOf(PojoTypeInfo.class);
    TypeSerializer<RuleMinute> serializer = type.createSerializer(new ExecutionConfig());
    RuleMinute minute = new RuleMinute().add("{\"s\":\"pay\"}", 12.5, 1).add("{\"s\":\"x\"}", 3, 1);
    DataOutputSerializer out = new DataOutputSerializer(256);
    serializer.serialize(minute, out);
    RuleMinute copy = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    assertThat(copy.groups().get("{\"s\":\"pay\"}").quantile(0.5)).isEqualTo(12.5);
    assertThat(copy.other().sum()).isEqualTo(3);
  }
}
