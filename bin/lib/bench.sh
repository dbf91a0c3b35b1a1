# bench pipeline|ingest|query|crowd|e2e: io.devlogs.bench.launch.BenchCommand (bench module) runs the
# benchmarks: topics, the benchmark job, loads, figures, results files and reports (README
# "Benchmark"). Here: what each one needs running, the build, and the paths and tools the command
# is given. A service a benchmark starts from this build (an ingest or query server on a free port)
# is started and stopped through `bin/devlogs service`, like every other process.

BENCH_DIR="$DEVLOGS_HOME/bench"

# The components each benchmark needs running (pid files) or answering (health: the stores may be
# a stack another checkout started), and the services it starts from this build (module:main).
declare -A BENCH_NEEDS_RUNNING=(
  [pipeline]="clickhouse kafka cassandra flink-jobmanager flink-taskmanager"
  [ingest]="postgres kafka"
  [query]=""
  [crowd]=""
  [e2e]="postgres clickhouse kafka cassandra flink-jobmanager flink-taskmanager ingest"
  [patterns]=""
)
declare -A BENCH_NEEDS_ANSWERING=([query]="postgres clickhouse cassandra" [crowd]="postgres clickhouse cassandra")
declare -A BENCH_STARTS=([ingest]="ingest-http:io.devlogs.ingest.IngestServer" [e2e]="query-service:io.devlogs.query.QueryServer")
# The query service of a bench e2e run: a second run on the same stack would measure the first.
BENCH_E2E_QUERY=bench-e2e-query

# bench parse: text lines per second through the job's parser, no service needed (ParseBench);
# --baseline=<checkout> measures that checkout's build too, in the same run.
bench_parse() {
  module_has_main bench io.devlogs.bench.parse.ParseBench ||
    die "bench parse: the bench module is not built (mvn -B -q -pl bench -am package -DskipTests)"
  run_main bench io.devlogs.bench.parse.ParseBench --resources="$REPO_ROOT/flink-jobs/src/test/resources" "$@"
}

cmd_bench() {
  local what=${1:-} component service
  if [[ $what == parse ]]; then
    shift
    bench_parse "$@"
    return
  fi
  [[ -n $what && -n ${BENCH_NEEDS_RUNNING[$what]+set} ]] ||
    die "usage: bin/devlogs bench parse [--baseline=<checkout>] | bench pipeline [--events N] | bench ingest [--events N] [--clients N] | bench query [--events N] [--reload] | bench e2e [--quick] ... | bench patterns --corpus <dir>"
  for component in ${BENCH_NEEDS_RUNNING[$what]}; do
    is_running "$component" || die "bench $what: $component is not running (bin/devlogs up)"
  done
  for component in ${BENCH_NEEDS_ANSWERING[$what]:-}; do
    "$(fn_name "$component")_healthy" || die "bench $what: $component does not answer (bin/devlogs up)"
  done
  if [[ $what == e2e ]] && is_running "$BENCH_E2E_QUERY"; then
    die "bench e2e: another run is in progress (its query service has pid $(read_pid "$BENCH_E2E_QUERY"))"
  fi
  export_stack_settings
  app_build
  module_has_main bench io.devlogs.bench.launch.BenchCommand || die "bench $what: the bench module is not built"
  for service in ${BENCH_STARTS[$what]:-}; do
    module_has_main "${service%%:*}" "${service#*:}" || die "bench $what: ${service%%:*} is not built"
  done
  local kafka_tools=""
  [[ $what == query || $what == crowd || $what == patterns ]] || kafka_tools=$(stack_classpath kafka)
  DEVLOGS_FLINK_REST_URL=$FLINK_REST run_main bench io.devlogs.bench.launch.BenchCommand \
    --launcher "$REPO_ROOT/bin/devlogs" --bench-dir "$BENCH_DIR" --report-dir "$REPO_ROOT/bench/target/bench-report" \
    --job-name "$FLINK_JOB_NAME" --job-jar "$FLINK_JOB_JAR" --flink-data "$DATA_DIR/flink" --log-dir "$LOG_DIR" \
    --kafka-tools-classpath "$kafka_tools" --kafka-tools-log4j "$STACK_DIR/kafka/tools-log4j2.properties" \
    --e2e-query-service "$BENCH_E2E_QUERY" "$@"
}
