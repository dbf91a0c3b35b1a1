package io.devlogs.flink.patterns;

import io.devlogs.flink.records.LogEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every event the id of its log pattern, keyed by project: one {@link PatternMiner} per
 * project, kept in memory for speed and backed by keyed state, so it survives restarts, rescaling
 * and savepoints.
 *
 * <p>State per project: {@link #PATTERNS}, pattern id to {@link PatternCluster}, written only when
 * a pattern is created, generalises or is evicted (rare once a project's patterns settle), never
 * per event. A project's miner is rebuilt from it the first time the restored job sees the project,
 * patterns put back least recently seen first. A savepoint taken before patterns existed has no
 * such state: every project then starts with no patterns, and the first messages create them again
 * under the same ids (an id is a hash of the project and the first template).
 *
 * <p>Each created or generalised pattern goes to {@link #CHANGES} as a {@link PatternRow}. An
 * eviction (beyond {@code patterns.max-per-project}) counts in the metric {@code patternsEvicted}
 * and is logged the first time a project reaches its bound.
 */
public class MinePatterns extends KeyedProcessFunction<String, LogEvent, LogEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(MinePatterns.class);

  /** Patterns created or generalised: rows of ClickHouse {@code patterns}. */
  public static final OutputTag<PatternRow> CHANGES =
      new OutputTag<>("pattern-changes", TypeInformation.of(PatternRow.class));

  /** Keyed by project: the project's live patterns by id. */
  public static final MapStateDescriptor<String, PatternCluster> PATTERNS =
      new MapStateDescriptor<>("patterns", Types.STRING, clusterType());

  private final PatternOptions options;
  private transient MapState<String, PatternCluster> stored;
  private transient Map<String, PatternMiner> miners;
  private transient Set<String> projectsAtBound;
  private transient Counter evicted;
  private transient Counter created;

  public MinePatterns(PatternOptions options) {
    this.options = options;
  }

  /** A pattern's type in state: a POJO of its fields, the template an array of strings. */
  public static TypeInformation<PatternCluster> clusterType() {
    Map<String, TypeInformation<?>> fields = new java.util.LinkedHashMap<>();
    fields.put("id", Types.STRING);
    fields.put("template", Types.OBJECT_ARRAY(Types.STRING));
    fields.put("firstSeenMillis", Types.LONG);
    fields.put("example", Types.STRING);
    fields.put("version", Types.INT);
    fields.put("lastSeenMillis", Types.LONG);
    return Types.POJO(PatternCluster.class, fields);
  }

  @Override
  public void open(OpenContext context) {
    stored = getRuntimeContext().getMapState(PATTERNS);
    miners = new HashMap<>();
    projectsAtBound = new HashSet<>();
    evicted = getRuntimeContext().getMetricGroup().counter("patternsEvicted");
    created = getRuntimeContext().getMetricGroup().counter("patternsCreated");
  }

  @Override
  public void processElement(LogEvent event, Context ctx, Collector<LogEvent> out)
      throws Exception {
    String project = ctx.getCurrentKey();
    PatternMiner miner = miners.get(project);
    if (miner == null) {
      miner = restore(project);
      miners.put(project, miner);
    }
    PatternMiner.Match match =
        miner.add(event.message(), event.epochMillis(), ctx.timerService().currentProcessingTime());
    if (match.change() != PatternMiner.Change.NONE) {
      stored.put(match.id(), match.cluster());
      ctx.output(CHANGES, PatternRow.of(project, match.cluster()));
      if (match.change() == PatternMiner.Change.CREATED) {
        created.inc();
      }
    }
    if (match.evicted() != null) {
      stored.remove(match.evicted());
      evicted.inc();
      if (projectsAtBound.add(project)) {
        LOG.info(
            "project {} has {} log patterns (patterns.max-per-project): each new pattern now"
                + " evicts the least recently seen (metric patternsEvicted)",
            project,
            options.maxPatterns());
      }
    }
    out.collect(event.withPattern(match.id()));
  }

  private PatternMiner restore(String project) throws Exception {
    PatternMiner miner = new PatternMiner(project, options);
    List<PatternCluster> saved = new ArrayList<>();
    for (PatternCluster c : stored.values()) {
      saved.add(c);
    }
    saved.sort(Comparator.comparingLong(PatternCluster::lastSeenMillis));
    saved.forEach(miner::restore);
    return miner;
  }
}
