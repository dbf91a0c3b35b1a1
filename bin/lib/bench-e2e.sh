# bench e2e (bench-e2e.sh): the headline benchmark. HTTP load on the running stack's ingest at
# increasing rates (bench/e2e/E2eBench), sampling accepted events/s, rows landing in ClickHouse
# and Cassandra, the job's consumer lag and freshness through the query service; then holds the
# highest sustained rate. Before it, in the same run, each stage's ceiling alone: `bench ingest`
# and `bench pipeline` (run as they are, in subshells, their figures read from their results
# files) and a Cassandra writer. Report: bench/target/bench-report/<run>/. See README "Benchmark".

BENCH_E2E_DEFAULT_RATES=1000,2000,4000,8000
BENCH_E2E_CLIENTS=4

cmd_bench_e2e() {
  local rates=$BENCH_E2E_DEFAULT_RATES step_seconds=120 sustain_seconds=600 hold_attempts=3 sample_seconds=5
  local pipeline_events=$BENCH_DEFAULT_EVENTS ingest_events=$BENCH_INGEST_DEFAULT_EVENTS cassandra_rows=200000
  local drain_seconds=180 ceilings=true quick=false
  local -A given=()
  while (($#)); do
    case $1 in
      --rates | --step-seconds | --sustain-seconds | --hold-attempts)
        given[$1]=${2:-}
        shift 2 || die "bench e2e: $1 needs a value"
        ;;
      --rates=* | --step-seconds=* | --sustain-seconds=* | --hold-attempts=*) given[${1%%=*}]=${1#*=} && shift ;;
      --quick) quick=true && shift ;;
      --no-ceilings) ceilings=false && shift ;;
      *) die "bench e2e: unknown option $1 (usage: bench e2e [--rates 1000,2000,...] [--step-seconds 120] [--sustain-seconds 600] [--hold-attempts 3] [--quick] [--no-ceilings])" ;;
    esac
  done
  # --quick proves the tool end to end in a few minutes; its figures mean little.
  if $quick; then
    rates=200,400 step_seconds=30 sustain_seconds=30 sample_seconds=3 drain_seconds=90
    pipeline_events=20000 ingest_events=10000 cassandra_rows=20000
  fi
  rates=${given[--rates]:-$rates}
  step_seconds=${given[--step-seconds]:-$step_seconds}
  sustain_seconds=${given[--sustain-seconds]:-$sustain_seconds}
  hold_attempts=${given[--hold-attempts]:-$hold_attempts}
  [[ $rates =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || die "bench e2e: --rates must be events/s separated by commas, e.g. 1000,2000,4000 (got '$rates')"
  [[ $step_seconds =~ ^[1-9][0-9]*$ && $sustain_seconds =~ ^[1-9][0-9]*$ ]] ||
    die "bench e2e: --step-seconds and --sustain-seconds must be positive numbers of seconds"
  [[ $hold_attempts =~ ^[1-9][0-9]*$ ]] || die "bench e2e: --hold-attempts must be a positive number (got '$hold_attempts')"
  local component
  for component in postgres clickhouse kafka cassandra flink-jobmanager flink-taskmanager ingest; do
    is_running "$component" || die "bench e2e: $component is not running (bin/devlogs up)"
  done
  export_stack_settings
  [[ $(flink_job_state "$FLINK_JOB_NAME") == RUNNING ]] || die "bench e2e: the Flink job $FLINK_JOB_NAME is not RUNNING"
  app_build
  module_has_main bench io.devlogs.bench.e2e.E2eBench || die "bench e2e: the bench module is not built"
  module_has_main query-service io.devlogs.query.QueryServer || die "bench e2e: query-service is not built"
  bench_e2e_names
  # Two runs on one stack would measure each other, and share the freshness query service's pid file.
  ! is_running "$BENCH_E2E_QUERY_COMPONENT" ||
    die "bench e2e: another run is in progress (its query service has pid $(read_pid "$BENCH_E2E_QUERY_COMPONENT"))"
  mkdir -p "$BENCH_E2E_DIR"
  trap bench_e2e_cleanup EXIT
  step bench-e2e "run $BENCH_E2E_ID: rates $rates, steps of $step_seconds s, hold $sustain_seconds s (at most $hold_attempts holds); report in $BENCH_E2E_DIR"
  bench_e2e_project
  bench_e2e_query_url
  : >"$BENCH_E2E_DIR/ceilings.tsv"
  if $ceilings; then
    bench_e2e_ceilings "$ingest_events" "$pipeline_events" "$cassandra_rows"
  fi
  bench_e2e_run "$rates" "$step_seconds" "$sustain_seconds" "$hold_attempts" "$sample_seconds" "$drain_seconds"
}

bench_e2e_names() {
  BENCH_E2E_ID=e2e-$(date -u +%Y%m%d-%H%M%S)-$RANDOM
  BENCH_E2E_DIR="$REPO_ROOT/bench/target/bench-report/$BENCH_E2E_ID"
  BENCH_E2E_LOG="$BENCH_E2E_DIR/bench.log"
  BENCH_E2E_LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
  BENCH_E2E_QUERY_COMPONENT=bench-e2e-query
  BENCH_E2E_PROJECT="" BENCH_E2E_INGEST_KEY="" BENCH_E2E_QUERY_KEY="" BENCH_E2E_QUERY_URL=""
}

# A fresh project: its own keys, and rows that the clean-up can find and delete.
bench_e2e_project() {
  local output
  output=$(run_main projects io.devlogs.projects.ProjectsCli create-project "bench-$BENCH_E2E_ID" 2>>"$BENCH_E2E_LOG") ||
    die "bench e2e: creating the bench project failed; see $BENCH_E2E_LOG"
  BENCH_E2E_PROJECT=$(sed -n 's/^DEVLOGS_PROJECT_ID=//p' <<<"$output")
  BENCH_E2E_INGEST_KEY=$(sed -n 's/^DEVLOGS_INGEST_KEY=//p' <<<"$output")
  BENCH_E2E_QUERY_KEY=$(sed -n 's/^DEVLOGS_QUERY_KEY=//p' <<<"$output")
  [[ -n $BENCH_E2E_PROJECT && -n $BENCH_E2E_INGEST_KEY && -n $BENCH_E2E_QUERY_KEY ]] ||
    die "bench e2e: ProjectsCli printed no project id or keys; see $BENCH_E2E_LOG"
  step bench-e2e "project $BENCH_E2E_PROJECT"
}

# A query service of this checkout's build on a free port, with the stack's settings: the same
# code reads the same ClickHouse, and the stack's own query service may be down or being changed.
bench_e2e_query_url() {
  local port
  port=$(bench_free_port)
  spawn_main "$BENCH_E2E_QUERY_COMPONENT" query-service io.devlogs.query.QueryServer \
    "--query.host=127.0.0.1" "--query.port=$port"
  BENCH_E2E_QUERY_URL="http://127.0.0.1:$port"
  wait_ready "$BENCH_E2E_QUERY_COMPONENT" 90 http_ok "$BENCH_E2E_QUERY_URL/healthz"
  step bench-e2e "freshness searches through $BENCH_E2E_QUERY_URL (pid $(read_pid "$BENCH_E2E_QUERY_COMPONENT"))"
}

# Each stage alone, one after the other, into ceilings.tsv (stage, events/s, how). A stage that
# fails is reported "not measured" and the run goes on.
bench_e2e_ceilings() {
  local ingest_events=$1 pipeline_events=$2 cassandra_rows=$3 row
  local file="$BENCH_E2E_DIR/ceilings.tsv"
  step ceilings "bench ingest: $ingest_events events per encoding, $BENCH_E2E_CLIENTS clients"
  row=$(bench_e2e_subrun ingest "$BENCH_DIR/ingest-results.tsv" bench_ingest "$ingest_events" "$BENCH_E2E_CLIENTS")
  # run events clients event_bytes plain gzip kafka_producer_ceiling
  printf 'HTTP ingest -> Kafka\t%s\t%s\n' "$(cut -f5 <<<"$row")" \
    "bench ingest: $BENCH_E2E_CLIENTS clients, plain NDJSON batches of 1,000 events of ~$(cut -f4 <<<"$row") bytes, acknowledged" >>"$file"
  printf 'Kafka producer\t%s\t%s\n' "$(cut -f7 <<<"$row")" \
    "kafka-producer-perf-test (ProducerPerformance), the same events, acks=all, idempotent, lz4" >>"$file"
  step ceilings "bench pipeline: $pipeline_events events"
  row=$(bench_e2e_subrun pipeline "$BENCH_DIR/results.tsv" bench_pipeline "$pipeline_events")
  # run events kafka_ceiling clickhouse_ceiling job job_steady
  printf 'Kafka consumer\t%s\t%s\n' "$(cut -f3 <<<"$row")" \
    "kafka-consumer-perf-test (ConsumerPerformance) reading $pipeline_events preloaded records" >>"$file"
  printf 'Flink job from a preloaded topic\t%s\t%s\n' "$(cut -f6 <<<"$row")" \
    "bench pipeline: a second job instance, parallelism $BENCH_PARTITIONS, first to last commit, all sinks" >>"$file"
  printf 'ClickHouse HTTP insert\t%s\t%s\n' "$(cut -f4 <<<"$row")" \
    "one curl insert of the job's rows as JSONEachRow into a scratch copy of devlogs.events" >>"$file"
  step ceilings "Cassandra writes: $cassandra_rows rows"
  local result
  result=$(run_main bench io.devlogs.bench.e2e.CassandraWriteCeiling "--project=p_bench_${BENCH_E2E_ID//-/_}_cassandra" \
    "--events=$cassandra_rows" 2>>"$BENCH_E2E_LOG" | grep '^RESULT') || warn "the Cassandra ceiling failed; see $BENCH_E2E_LOG"
  printf 'Cassandra writes\t%s\t%s\n' "$(cut -f4 <<<"$result")" \
    "CassandraWriteCeiling: $cassandra_rows stream_events upserts with TTL, async driver, <= 500 in flight (as the sink)" >>"$file"
  step ceilings "$(awk -F'\t' '{ printf "%s%s %s/s", sep, $1, ($2 == "" ? "-" : $2); sep = "; " }' "$file")"
}

# bench_e2e_subrun <name> <results tsv> <function> [args...]: runs an existing benchmark as it is,
# in a subshell (its own names, trap and clean-up), and prints its row of the results file.
bench_e2e_subrun() {
  local name=$1 results=$2 id
  shift 2
  local output="$BENCH_E2E_DIR/ceiling-$name.txt"
  if ! ("$@") >"$output" 2>&1; then
    warn "bench $name failed; see $output" >&2
  fi
  sed 's/^/    /' "$output" >&2
  id=$(sed -n 's/.* run \([^ :]*\): .*/\1/p' "$output" | head -1)
  [[ -n $id && -s $results ]] && awk -F'\t' -v id="$id" '$1 == id' "$results"
  return 0
}

bench_e2e_run() {
  local rates=$1 step_seconds=$2 sustain_seconds=$3 hold_attempts=$4 sample_seconds=$5 drain_seconds=$6 line report=""
  step bench-e2e "load through $INGEST_URL at $rates events/s"
  while IFS= read -r line; do
    if [[ $line == REPORT$'\t'* ]]; then
      report=${line#*$'\t'}
    else
      step e2e "$line"
    fi
  done < <(run_main bench io.devlogs.bench.e2e.E2eBench "--run-id=$BENCH_E2E_ID" "--rates=$rates" \
    "--step-seconds=$step_seconds" "--sustain-seconds=$sustain_seconds" "--hold-attempts=$hold_attempts" "--sample-seconds=$sample_seconds" \
    "--drain-seconds=$drain_seconds" "--ingest.url=$INGEST_URL" "--query-url=$BENCH_E2E_QUERY_URL" \
    "--ingest-key=$BENCH_E2E_INGEST_KEY" "--query-key=$BENCH_E2E_QUERY_KEY" "--project=$BENCH_E2E_PROJECT" \
    "--out=$BENCH_E2E_DIR" "--ceilings=$BENCH_E2E_DIR/ceilings.tsv" "--load-at-start=$BENCH_E2E_LOAD_AT_START" \
    2>>"$BENCH_E2E_LOG")
  [[ -n $report && -s $report ]] || die "bench e2e: no report was written; see $BENCH_E2E_LOG"
  printf '\n'
  sed -n '/^## End to end/,/^## Charts/p' "$report" | sed '$d'
  step bench-e2e "report: $report (charts and CSV next to it)"
}

bench_e2e_cleanup() {
  local status=$?
  trap - EXIT
  step bench-e2e "cleaning up $BENCH_E2E_ID"
  stop_pid "$BENCH_E2E_QUERY_COMPONENT" 30
  if [[ -n $BENCH_E2E_PROJECT ]]; then
    bench_delete_project_rows "$BENCH_E2E_PROJECT" "$BENCH_E2E_DIR/partitions.tsv" "$BENCH_E2E_LOG"
  fi
  exit "$status"
}
