# bench query: p50/p95 latencies of the query API (1-hour text search, 24-hour metrics series,
# 24-hour histogram, stream by name) over a project of N generated events (default 10 million),
# next to ceilings measured in the same run (the same SQL straight to ClickHouse, raw Cassandra
# partition reads). The events are loaded straight into the stores once and kept: a later run
# finds the complete project bench-query-<N> and skips the load (--reload loads again).
# See README "Benchmark". Reuses bench.sh's helpers and results folder.

BENCH_QUERY_DEFAULT_EVENTS=10000000

cmd_bench_query() {
  local events=$BENCH_QUERY_DEFAULT_EVENTS reload=false url=$QUERY_URL warmups=5 runs=50 only=
  while (($#)); do
    case $1 in
      --events) events=${2:-} && shift 2 ;;
      --events=*) events=${1#*=} && shift ;;
      --reload) reload=true && shift ;;
      --url) url=${2:-} && shift 2 ;;
      --url=*) url=${1#*=} && shift ;;
      --warmups) warmups=${2:-} && shift 2 ;;
      --warmups=*) warmups=${1#*=} && shift ;;
      --runs) runs=${2:-} && shift 2 ;;
      --runs=*) runs=${1#*=} && shift ;;
      --only) only=${2:-} && shift 2 ;;
      --only=*) only=${1#*=} && shift ;;
      *) die "bench query: unknown option $1" ;;
    esac
  done
  [[ $events =~ ^[1-9][0-9]*$ ]] || die "bench query: --events must be a positive number (got '$events')"
  [[ $warmups =~ ^[0-9]+$ ]] || die "bench query: --warmups must be a number (got '$warmups')"
  [[ $runs =~ ^[1-9][0-9]*$ ]] || die "bench query: --runs must be a positive number (got '$runs')"
  # Health, not pid files: the stores may be a stack another checkout started.
  local component
  for component in postgres clickhouse cassandra; do
    "${component}_healthy" || die "bench query: $component does not answer (bin/devlogs up)"
  done
  http_ok "$url/healthz" || die "bench query: no query service answers at $url/healthz"
  export_stack_settings
  app_build
  module_has_main bench io.devlogs.bench.query.QueryBench || die "bench query: the bench module is not built"
  local id=query-$(date -u +%Y%m%d-%H%M%S)-$RANDOM
  local run_dir="$BENCH_DIR/$id"
  mkdir -p "$run_dir"
  step bench "run $id: $events events, query service $url; log and results in $run_dir"
  run_main bench io.devlogs.bench.query.QueryBench "--events=$events" "--reload=$reload" "--url=$url" \
    "--warmups=$warmups" "--runs=$runs" "--only=$only" "--results-file=$BENCH_DIR/query-results.tsv" \
    2>"$run_dir/bench.log" | tee "$run_dir/results.txt" ||
    die "bench query failed; see $run_dir/bench.log"
}
