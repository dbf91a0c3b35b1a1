# bench ingest: events/s that ingest acknowledges for NDJSON batches of 1,000 events of about 300
# bytes, plain and gzip, from several concurrent clients, next to the ceiling of Kafka's own
# producer perf tool (kafka-producer-perf-test.sh) with the same record size and acks=all, in the
# same run. See README "Benchmark". Reuses bench.sh's helpers and results folder.

BENCH_INGEST_DEFAULT_EVENTS=200000
BENCH_INGEST_DEFAULT_CLIENTS=4
BENCH_INGEST_BATCH=1000

cmd_bench_ingest() {
  local events=$BENCH_INGEST_DEFAULT_EVENTS clients=$BENCH_INGEST_DEFAULT_CLIENTS
  while (($#)); do
    case $1 in
      --events) events=${2:-} && shift 2 ;;
      --events=*) events=${1#*=} && shift ;;
      --clients) clients=${2:-} && shift 2 ;;
      --clients=*) clients=${1#*=} && shift ;;
      *) die "bench ingest: unknown option $1" ;;
    esac
  done
  [[ $events =~ ^[1-9][0-9]*$ ]] && ((events % BENCH_INGEST_BATCH == 0)) ||
    die "bench ingest: --events must be a positive multiple of $BENCH_INGEST_BATCH (got '$events')"
  [[ $clients =~ ^[1-9][0-9]*$ ]] || die "bench ingest: --clients must be a positive number (got '$clients')"
  local component
  for component in postgres kafka; do
    is_running "$component" || die "bench ingest: $component is not running (bin/devlogs up)"
  done
  export_stack_settings
  app_build
  module_has_main bench io.devlogs.bench.IngestLoad || die "bench ingest: the bench module is not built"
  module_has_main ingest-http io.devlogs.ingest.IngestServer || die "bench ingest: ingest-http is not built"
  bench_ingest "$events" "$clients"
}

bench_ingest_names() {
  BENCH_ID=ingest-$(date -u +%Y%m%d-%H%M%S)-$RANDOM
  BENCH_RUN_DIR="$BENCH_DIR/$BENCH_ID"
  BENCH_LOG="$BENCH_RUN_DIR/bench.log"
  BENCH_TOPIC="devlogs-bench-$BENCH_ID"
  BENCH_PERF_TOPIC="devlogs-bench-perf-$BENCH_ID"
  BENCH_INGEST_COMPONENT=bench-ingest
  BENCH_INGEST_PORT=""
}

bench_ingest() {
  local events=$1 clients=$2
  bench_ingest_names
  mkdir -p "$BENCH_RUN_DIR"
  trap bench_ingest_cleanup EXIT
  step bench "run $BENCH_ID: $events events per encoding, $clients clients; log and results in $BENCH_RUN_DIR"
  local topic
  for topic in "$BENCH_TOPIC" "$BENCH_PERF_TOPIC"; do
    kafka_tool org.apache.kafka.tools.TopicCommand --create --topic "$topic" \
      --partitions "$BENCH_PARTITIONS" --replication-factor 1 >>"$BENCH_LOG" 2>&1 ||
      die "bench: creating topic $topic failed; see $BENCH_LOG"
  done
  bench_ingest_start_server
  bench_ingest_load "$events" "$clients"
  bench_ingest_check_topic
  bench_ingest_kafka_ceiling "$events"
  bench_ingest_report "$events" "$clients" | tee "$BENCH_RUN_DIR/results.txt"
  if [[ ! -s $BENCH_DIR/ingest-results.tsv ]]; then
    printf 'run\tevents\tclients\tevent_bytes\tplain\tgzip\tkafka_producer_ceiling\n' >"$BENCH_DIR/ingest-results.tsv"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$BENCH_ID" "$events" "$clients" "$BENCH_EVENT_BYTES" \
    "$BENCH_PLAIN_RATE" "$BENCH_GZIP_RATE" "$BENCH_KAFKA_RATE" >>"$BENCH_DIR/ingest-results.tsv"
}

# An ingest server of this checkout's build, with the stack's settings but its own port and topic,
# so the benchmark neither feeds the running Flink job nor leaves events in the stack's topic.
# Rate limits are off: the benchmark measures what the server can take, not its configured limit.
bench_ingest_start_server() {
  BENCH_INGEST_PORT=$(bench_free_port)
  spawn_main "$BENCH_INGEST_COMPONENT" ingest-http io.devlogs.ingest.IngestServer \
    "--ingest.host=127.0.0.1" "--ingest.port=$BENCH_INGEST_PORT" "--kafka.raw-topic=$BENCH_TOPIC" \
    "--ingest.rate-limit.events-per-second=0" "--ingest.rate-limit.bytes-per-second=0"
  wait_ready "$BENCH_INGEST_COMPONENT" 60 http_ok "http://127.0.0.1:$BENCH_INGEST_PORT/healthz"
  step bench-ingest "ingest on port $BENCH_INGEST_PORT writing to $BENCH_TOPIC (pid $(read_pid "$BENCH_INGEST_COMPONENT"))"
}

bench_free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 10000))
    port_open "$port" || break
  done
  echo "$port"
}

# BENCH_PLAIN_RATE, BENCH_GZIP_RATE ("unsupported" when this build does not read gzip),
# BENCH_EVENT_BYTES, BENCH_ACCEPTED: from IngestLoad's RESULT and ACCEPTED lines.
bench_ingest_load() {
  local events=$1 clients=$2 key output line
  key=$(run_main projects io.devlogs.projects.ProjectsCli create-project "bench-$BENCH_ID" 2>>"$BENCH_LOG" |
    sed -n 's/^DEVLOGS_INGEST_KEY=//p')
  [[ -n $key ]] || die "bench: creating the bench project failed; see $BENCH_LOG"
  step bench-ingest "$clients clients posting $events events per encoding in batches of $BENCH_INGEST_BATCH"
  output=$(run_main bench io.devlogs.bench.IngestLoad "--url=http://127.0.0.1:$BENCH_INGEST_PORT" "--key=$key" \
    "--events=$events" "--clients=$clients" "--batch=$BENCH_INGEST_BATCH" "--payload-file=$BENCH_RUN_DIR/events.ndjson" \
    2>>"$BENCH_LOG") ||
    die "bench: the load failed; see $BENCH_LOG and $LOG_DIR/$BENCH_INGEST_COMPONENT.log"
  echo "$output" >>"$BENCH_LOG"
  BENCH_PLAIN_RATE="" BENCH_GZIP_RATE="" BENCH_GZIP_DETAIL=""
  while IFS=$'\t' read -r -a line; do
    case ${line[0]} in
      RESULT)
        BENCH_EVENT_BYTES=${line[7]}
        if [[ ${line[1]} == plain ]]; then
          BENCH_PLAIN_RATE=${line[5]}
          step bench-ingest "plain: ${line[3]} events in ${line[4]} s: ${line[5]} events/s (${line[6]} MB/s of NDJSON)"
        elif [[ ${line[2]} == unsupported ]]; then
          BENCH_GZIP_RATE=unsupported BENCH_GZIP_DETAIL=${line[8]}
          step bench-ingest "gzip: not supported by this build (${line[8]:0:100})"
        else
          BENCH_GZIP_RATE=${line[5]}
          step bench-ingest "gzip: ${line[3]} events in ${line[4]} s: ${line[5]} events/s (${line[6]} MB/s of NDJSON before compression)"
        fi
        ;;
      ACCEPTED) BENCH_ACCEPTED=${line[1]} ;;
    esac
  done <<<"$output"
  [[ -n $BENCH_PLAIN_RATE && -n $BENCH_GZIP_RATE && -n ${BENCH_ACCEPTED:-} ]] ||
    die "bench: IngestLoad printed no complete result; see $BENCH_LOG"
}

# Every acknowledged event (warm-up included) is one record of the bench topic, and nothing more.
bench_ingest_check_topic() {
  local records
  records=$(kafka_tool org.apache.kafka.tools.GetOffsetShell --topic "$BENCH_TOPIC" 2>>"$BENCH_LOG" |
    awk -F: '{ sum += $NF } END { print sum + 0 }')
  ((records == BENCH_ACCEPTED)) || die "bench: $BENCH_TOPIC holds $records records for $BENCH_ACCEPTED acknowledged events"
  step bench-ingest "$BENCH_TOPIC holds exactly the $records acknowledged events"
}

# BENCH_KAFKA_RATE: records/s of Kafka's producer perf tool (kafka-producer-perf-test.sh) sending
# the very events the clients posted (its payload file, so the same record sizes), with ingest's
# producer settings (acks=all, idempotent, lz4, linger 5 ms), as many records as one encoding's
# events. Its last line: "N records sent, X records/sec (Y MB/sec), ...".
bench_ingest_kafka_ceiling() {
  local events=$1 summary
  step kafka-ceiling "ProducerPerformance (kafka-producer-perf-test): $events of the same events (mean $BENCH_EVENT_BYTES bytes), acks=all"
  summary=$(kafka_java "-Dlog4j2.configurationFile=$STACK_DIR/kafka/tools-log4j2.properties" \
    org.apache.kafka.tools.ProducerPerformance --topic "$BENCH_PERF_TOPIC" --num-records "$events" \
    --payload-file "$BENCH_RUN_DIR/events.ndjson" --throughput -1 \
    --producer-props "bootstrap.servers=127.0.0.1:$KAFKA_PORT" acks=all enable.idempotence=true \
    compression.type=lz4 linger.ms=5 max.in.flight.requests.per.connection=5 2>>"$BENCH_LOG" | tail -1)
  echo "ProducerPerformance: $summary" >>"$BENCH_LOG"
  [[ $summary =~ ^([0-9]+)\ records\ sent,\ ([0-9.]+)\ records/sec ]] ||
    die "bench: unexpected output of the producer perf tool: '$summary'; see $BENCH_LOG"
  ((BASH_REMATCH[1] == events)) || die "bench: the perf tool sent ${BASH_REMATCH[1]} of $events records"
  BENCH_KAFKA_RATE=$(bench_round "${BASH_REMATCH[2]}")
  step kafka-ceiling "$BENCH_KAFKA_RATE records/s"
}

bench_ingest_report() {
  awk -v n="$1" -v c="$2" -v b="$BENCH_EVENT_BYTES" -v k="$BENCH_KAFKA_RATE" -v p="$BENCH_PLAIN_RATE" \
    -v g="$BENCH_GZIP_RATE" -v id="$BENCH_ID" 'BEGIN {
    printf "\nbench ingest %s: %d events per encoding, %d clients, batches of 1000 events of %d bytes\n", id, n, c, b
    printf "%-62s %12s %14s\n", "figure", "events/s", "ingest/Kafka"
    printf "%-62s %12d\n", "(k) Kafka producer perf tool, same events, acks=all", k
    printf "%-62s %12d %14.3f\n", "(p) ingest, plain NDJSON", p, p / k
    if (g == "unsupported") printf "%-62s %12s %14s\n", "(g) ingest, gzip NDJSON", "-", "not supported by this build"
    else printf "%-62s %12d %14.3f\n", "(g) ingest, gzip NDJSON", g, g / k
  }'
}

bench_ingest_cleanup() {
  local status=$?
  trap - EXIT
  step bench "cleaning up $BENCH_ID"
  stop_pid "$BENCH_INGEST_COMPONENT" 30
  kafka_tool org.apache.kafka.tools.TopicCommand --delete --topic "$BENCH_TOPIC" >>"$BENCH_LOG" 2>&1 || true
  kafka_tool org.apache.kafka.tools.TopicCommand --delete --topic "$BENCH_PERF_TOPIC" >>"$BENCH_LOG" 2>&1 || true
  rm -f "$BENCH_RUN_DIR/events.ndjson"
  exit "$status"
}
