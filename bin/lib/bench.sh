# bench ingest (bench-ingest.sh): ingest's events/s next to Kafka's producer perf tool.
# bench pipeline: the job's sustained events/s from a preloaded topic through all its sinks, next to
# two ceilings measured in the same run on the same records: Kafka's consumer perf tool reading the
# topic, and one ClickHouse HTTP insert of the rows the job wrote. See README "Benchmark".

BENCH_DEFAULT_EVENTS=300000
BENCH_DIR="$DEVLOGS_HOME/bench"
BENCH_PARTITIONS=2
CH_HTTP="http://127.0.0.1:$CH_HTTP_PORT/"

cmd_bench() {
  local what=${1:-} events=$BENCH_DEFAULT_EVENTS
  shift || true
  if [[ $what == ingest ]]; then
    cmd_bench_ingest "$@"
    return
  fi
  if [[ $what == query ]]; then
    cmd_bench_query "$@"
    return
  fi
  if [[ $what == e2e ]]; then
    cmd_bench_e2e "$@"
    return
  fi
  [[ $what == pipeline ]] || die "usage: bin/devlogs bench pipeline [--events N] | bench ingest [--events N] [--clients N] | bench query [--events N] [--reload] | bench e2e [--quick] ..."
  while (($#)); do
    case $1 in
      --events) events=${2:-} && shift 2 ;;
      --events=*) events=${1#*=} && shift ;;
      *) die "bench pipeline: unknown option $1" ;;
    esac
  done
  [[ $events =~ ^[1-9][0-9]*$ ]] || die "bench pipeline: --events must be a positive number (got '$events')"
  local component
  for component in clickhouse kafka cassandra flink-jobmanager flink-taskmanager; do
    is_running "$component" || die "bench pipeline: $component is not running (bin/devlogs up)"
  done
  export_stack_settings
  app_build
  module_has_main bench io.devlogs.bench.BenchTopicLoader || die "bench pipeline: the bench module is not built"
  [[ -f $FLINK_JOB_JAR ]] || die "bench pipeline: $FLINK_JOB_JAR is not built"
  bench_pipeline "$events"
}

# Names of this run's topic, project, groups and tables; the cleanup trap reads them.
bench_names() {
  BENCH_ID=$(date -u +%Y%m%d-%H%M%S)-$RANDOM
  local tag=${BENCH_ID//-/_}
  BENCH_RUN_DIR="$BENCH_DIR/$BENCH_ID"
  BENCH_TOPIC="devlogs-bench-$BENCH_ID"
  BENCH_DEAD_LETTERS="devlogs-bench-dead-letters-$BENCH_ID"
  BENCH_GROUP="devlogs-bench-$BENCH_ID"
  BENCH_PERF_GROUP="devlogs-bench-perf-$BENCH_ID"
  BENCH_PROJECT="p_bench_$tag"
  BENCH_SCRATCH="devlogs.bench_ceiling_$tag"
  BENCH_JOB_ID=""
  BENCH_LOG="$BENCH_RUN_DIR/bench.log"
  BENCH_KAFKA_RATE="" BENCH_CLICKHOUSE_RATE="" BENCH_JOB_RATE="" BENCH_JOB_STEADY_RATE=""
}

bench_pipeline() {
  local events=$1
  bench_names
  mkdir -p "$BENCH_RUN_DIR"
  trap bench_cleanup EXIT
  step bench "run $BENCH_ID: $events events; log and results in $BENCH_RUN_DIR"
  bench_create_topics
  bench_preload "$events"
  bench_kafka_ceiling "$events"
  bench_job "$events"
  bench_clickhouse_ceiling "$events"
  bench_report "$events" | tee "$BENCH_RUN_DIR/results.txt"
  if [[ ! -s $BENCH_DIR/results.tsv ]]; then
    printf 'run\tevents\tkafka_ceiling\tclickhouse_ceiling\tjob\tjob_steady\n' >"$BENCH_DIR/results.tsv"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$BENCH_ID" "$events" "$BENCH_KAFKA_RATE" "$BENCH_CLICKHOUSE_RATE" \
    "$BENCH_JOB_RATE" "$BENCH_JOB_STEADY_RATE" >>"$BENCH_DIR/results.tsv"
}

bench_create_topics() {
  kafka_tool org.apache.kafka.tools.TopicCommand --create --topic "$BENCH_TOPIC" \
    --partitions "$BENCH_PARTITIONS" --replication-factor 1 >>"$BENCH_LOG" 2>&1 ||
    die "bench: creating topic $BENCH_TOPIC failed; see $BENCH_LOG"
  kafka_tool org.apache.kafka.tools.TopicCommand --create --topic "$BENCH_DEAD_LETTERS" \
    --partitions 1 --replication-factor 1 >>"$BENCH_LOG" 2>&1 ||
    die "bench: creating topic $BENCH_DEAD_LETTERS failed; see $BENCH_LOG"
}

bench_preload() {
  step preload "writing $1 synthetic events to $BENCH_TOPIC as ingest writes them (project $BENCH_PROJECT)"
  run_main bench io.devlogs.bench.BenchTopicLoader "--topic=$BENCH_TOPIC" "--project=$BENCH_PROJECT" \
    "--events=$1" "--partitions-file=$BENCH_RUN_DIR/partitions.tsv" 2>>"$BENCH_LOG" |
    while IFS= read -r line; do step preload "$line"; done
}

# (a) BENCH_KAFKA_RATE: the records/s of Kafka's consumer perf tool (kafka-consumer-perf-test.sh) reading the
# whole topic once. Its CSV line: start, end, MB, MB/s, records, records/s, rebalance ms, fetch ms,
# fetch MB/s, fetch records/s.
bench_kafka_ceiling() {
  local events=$1 csv consumed rate
  step kafka-ceiling "ConsumerPerformance (kafka-consumer-perf-test) reading $BENCH_TOPIC"
  csv=$(kafka_tool org.apache.kafka.tools.ConsumerPerformance --topic "$BENCH_TOPIC" --messages "$events" \
    --group "$BENCH_PERF_GROUP" --timeout 60000 --hide-header 2>>"$BENCH_LOG" | tail -1)
  echo "ConsumerPerformance: $csv" >>"$BENCH_LOG"
  consumed=$(cut -d, -f5 <<<"$csv" | tr -d ' ')
  rate=$(cut -d, -f6 <<<"$csv" | tr -d ' ')
  [[ $consumed == "$events" ]] || die "bench: the perf tool read '$consumed' of $events records; see $BENCH_LOG"
  BENCH_KAFKA_RATE=$(bench_round "$rate")
  step kafka-ceiling "$consumed records, $BENCH_KAFKA_RATE records/s"
}

# (c) BENCH_JOB_RATE: runs the job on the bench topic (own consumer group, dead-letter topic and
# transactional ids) and measures its events/s: from the run request until ClickHouse holds every event of the bench
# project; then checks Cassandra holds them too, and cancels the job.
bench_job() {
  local events=$1 jar_id answer started now first="" first_count=0 count=0 last_progress=0 deadline
  step bench-job "submitting $FLINK_JOB_NAME on $BENCH_TOPIC (group $BENCH_GROUP, parallelism $BENCH_PARTITIONS)"
  jar_id=$(flink_upload_job_jar) || die "bench: uploading $FLINK_JOB_JAR failed"
  started=$(bench_now)
  answer=$(curl -fsS -X POST -H 'Content-Type: application/json' --data "$(bench_run_request)" \
    "$FLINK_REST/jars/$jar_id/run") || die "bench: Flink refused the job; see $LOG_DIR/flink-jobmanager.log"
  BENCH_JOB_ID=$(grep -o '"jobid":"[0-9a-f]*"' <<<"$answer" | cut -d'"' -f4)
  deadline=$((SECONDS + 120 + events / 500))
  while ((count < events)); do
    ((SECONDS < deadline)) || die "bench: ClickHouse holds $count of $events events after the deadline"
    bench_job_alive || die "bench: job $BENCH_JOB_ID is $(bench_job_state); see $LOG_DIR/flink-jobmanager.log"
    count=$(bench_clickhouse "SELECT count() FROM devlogs.events WHERE project = '$BENCH_PROJECT'")
    if [[ -z $first ]] && ((count > 0)); then
      first=$(bench_now) first_count=$count
    fi
    if ((SECONDS - last_progress >= 5)); then
      step bench-job "$count/$events events in ClickHouse after $(bench_elapsed "$started" "$(bench_now)") s"
      last_progress=$SECONDS
    fi
    ((count >= events)) || sleep 0.5
  done
  now=$(bench_now)
  ((count == events)) || die "bench: ClickHouse holds $count rows for $events events"
  local cassandra
  cassandra=$(run_main bench io.devlogs.bench.BenchStreamRows count "--project=$BENCH_PROJECT" \
    "--partitions-file=$BENCH_RUN_DIR/partitions.tsv" 2>>"$BENCH_LOG")
  ((cassandra == events)) || die "bench: Cassandra holds $cassandra rows for $events events"
  BENCH_JOB_RATE=$(bench_rate "$events" "$started" "$now")
  # Between the first commit and the last: without the job's start and its first checkpoint.
  BENCH_JOB_STEADY_RATE=$(bench_rate "$((events - first_count))" "$first" "$now")
  step bench-job "all $events events in ClickHouse and Cassandra after $(bench_elapsed "$started" "$now") s: $BENCH_JOB_RATE events/s"
  bench_cancel_job
}

bench_run_request() {
  local args
  args=$(
    {
      DEVLOGS_KAFKA_RAW_TOPIC=$BENCH_TOPIC flink_job_args
      printf '%s\n' --kafka.group-id "$BENCH_GROUP" --kafka.dead-letter-topic "$BENCH_DEAD_LETTERS" \
        --kafka.dead-letter-transactional-id-prefix "$BENCH_GROUP"
    } | sed 's/.*/"&"/' | paste -sd, -
  )
  printf '{"entryClass":"io.devlogs.flink.LogPipelineJob","parallelism":%d,"programArgsList":[%s]}' \
    "$BENCH_PARTITIONS" "$args"
}

bench_job_state() {
  curl -fsS --max-time 5 "$FLINK_REST/jobs/$BENCH_JOB_ID" 2>/dev/null | grep -o '"state":"[A-Z]*"' | head -1 | cut -d'"' -f4
}

bench_job_alive() { [[ $(bench_job_state) =~ ^(CREATED|INITIALIZING|RUNNING|RESTARTING)$ ]]; }

bench_cancel_job() {
  [[ -n $BENCH_JOB_ID ]] || return 0
  if bench_job_alive; then
    curl -fsS -X PATCH "$FLINK_REST/jobs/$BENCH_JOB_ID?mode=cancel" >/dev/null 2>&1 || true
    wait_until 60 bench_job_ended || warn "bench job $BENCH_JOB_ID did not cancel within 60s"
  fi
  rm -rf "$DATA_DIR/flink/checkpoints/$BENCH_JOB_ID"
  BENCH_JOB_ID=""
}

bench_job_ended() { ! bench_job_alive; }

# (b) BENCH_CLICKHOUSE_RATE: the rows/s of one ClickHouse HTTP insert (JSONEachRow, the job's row format) of the
# rows the job wrote, into a scratch copy of devlogs.events.
bench_clickhouse_ceiling() {
  local events=$1 columns rows="$BENCH_RUN_DIR/rows.json" started finished count
  columns=$(bench_clickhouse "SELECT arrayStringConcat(groupArray(name), ',') FROM system.columns
    WHERE database = 'devlogs' AND table = 'events' AND name != 'sink_batch'")
  bench_clickhouse "SELECT $columns FROM devlogs.events WHERE project = '$BENCH_PROJECT' FORMAT JSONEachRow" >"$rows"
  step clickhouse-ceiling "one HTTP insert of the job's $events rows ($(du -m "$rows" | cut -f1) MB JSONEachRow) into $BENCH_SCRATCH"
  bench_clickhouse "CREATE TABLE $BENCH_SCRATCH AS devlogs.events" >/dev/null
  started=$(bench_now)
  local insert="INSERT INTO $BENCH_SCRATCH ($columns) FORMAT JSONEachRow"
  curl -fsS --data-binary "@$rows" "${CH_HTTP}?query=${insert// /%20}" || die "bench: the ClickHouse insert failed"
  finished=$(bench_now)
  count=$(bench_clickhouse "SELECT count() FROM $BENCH_SCRATCH")
  ((count == events)) || die "bench: the scratch table holds $count of $events rows"
  BENCH_CLICKHOUSE_RATE=$(bench_rate "$events" "$started" "$finished")
  step clickhouse-ceiling "$count rows in $(bench_elapsed "$started" "$finished") s: $BENCH_CLICKHOUSE_RATE rows/s"
}

bench_report() {
  awk -v n="$1" -v k="$BENCH_KAFKA_RATE" -v c="$BENCH_CLICKHOUSE_RATE" -v j="$BENCH_JOB_RATE" \
    -v s="$BENCH_JOB_STEADY_RATE" -v id="$BENCH_ID" 'BEGIN {
    printf "\nbench pipeline %s: %d events, same run, same records\n", id, n
    printf "%-62s %10s %10s %12s\n", "figure", "events/s", "(c)/figure", "(c\x27)/figure"
    printf "%-62s %10d %10.3f %12.3f\n", "(a)  Kafka consumer perf tool reading the topic (ceiling)", k, j / k, s / k
    printf "%-62s %10d %10.3f %12.3f\n", "(b)  ClickHouse HTTP insert of the same rows (ceiling)", c, j / c, s / c
    printf "%-62s %10d\n", "(c)  job: topic -> ClickHouse + Cassandra + windows, end to end", j
    printf "%-62s %10d\n", "(c\x27) job: the same, first to last commit (without start-up)", s
  }'
}

bench_cleanup() {
  local status=$?
  trap - EXIT
  step bench "cleaning up $BENCH_ID"
  bench_cancel_job
  kafka_tool org.apache.kafka.tools.TopicCommand --delete --topic "$BENCH_TOPIC" >>"$BENCH_LOG" 2>&1 || true
  kafka_tool org.apache.kafka.tools.TopicCommand --delete --topic "$BENCH_DEAD_LETTERS" >>"$BENCH_LOG" 2>&1 || true
  kafka_tool org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --delete \
    --group "$BENCH_GROUP" --group "$BENCH_PERF_GROUP" >>"$BENCH_LOG" 2>&1 || true
  bench_clickhouse "DROP TABLE IF EXISTS $BENCH_SCRATCH" >/dev/null || true
  bench_delete_project_rows "$BENCH_PROJECT" "$BENCH_RUN_DIR/partitions.tsv" "$BENCH_LOG"
  rm -f "$BENCH_RUN_DIR/rows.json"
  exit "$status"
}

# bench_delete_project_rows <project> <partitions file> <log>: a bench project's rows in ClickHouse,
# and in Cassandra the partitions the file lists (written by the bench as it filled them).
bench_delete_project_rows() {
  local project=$1 partitions=$2 log=$3 table
  for table in events event_windows events_staging; do
    bench_clickhouse "ALTER TABLE devlogs.$table DELETE WHERE project = '$project'" >/dev/null || true
  done
  if [[ -s $partitions ]]; then
    run_main bench io.devlogs.bench.BenchStreamRows delete "--project=$project" \
      "--partitions-file=$partitions" 2>>"$log" || warn "deleting the Cassandra rows failed; see $log"
  fi
}

bench_clickhouse() { curl -fsS --data-binary "$1" "$CH_HTTP"; }
bench_now() { date +%s.%N; }
bench_elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
bench_round() { awk -v x="$1" 'BEGIN { printf "%.0f\n", x }'; }
# bench_rate <events> <start> <end>: events per second, rounded.
bench_rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.0f\n", n / (b - a) }'; }
