# Prometheus (Debian package `prometheus`), started by `up --prometheus`: scrapes ingest, the query
# service and Flink's JobManager and TaskManager, evaluates the alerting rules of
# stack/prometheus/rules/. Data in .devlogs/data/prometheus, UI on 127.0.0.1:<its port>.

PROMETHEUS_CONF_DIR="$CONF_DIR/prometheus"

prometheus_install() {
  command -v prometheus >/dev/null && command -v promtool >/dev/null && return 0
  step prometheus "installing Debian package prometheus"
  apt_install prometheus
}

# prometheus_render_config <file>: the scrape configuration of this stack's ports, with the rules
# of stack/prometheus/rules/.
prometheus_render_config() {
  render "$STACK_DIR/prometheus/prometheus.yml" "$1" RULES_DIR="$STACK_DIR/prometheus/rules" \
    INGEST_PORT="$(port_of ingest)" QUERY_PORT="$(port_of query)" \
    FLINK_JOBMANAGER_METRICS_PORT="$(port_of flink-jobmanager METRICS_PORT)" \
    FLINK_TASKMANAGER_METRICS_PORT="$(port_of flink-taskmanager METRICS_PORT)"
}

prometheus_start() {
  prometheus_install
  prometheus_render_config "$PROMETHEUS_CONF_DIR/prometheus.yml"
  promtool check config "$PROMETHEUS_CONF_DIR/prometheus.yml" >>"$LOG_DIR/prometheus.log" 2>&1 ||
    die "prometheus: the rendered configuration is invalid; see $LOG_DIR/prometheus.log"
  mkdir -p "$DATA_DIR/prometheus"
  # --storage.tsdb.path carries .devlogs, which marks the process as ours (is_running).
  spawn prometheus prometheus --config.file="$PROMETHEUS_CONF_DIR/prometheus.yml" \
    --storage.tsdb.path="$DATA_DIR/prometheus" --storage.tsdb.retention.time=7d \
    --web.listen-address="127.0.0.1:$(port_of prometheus)"
  wait_ready prometheus 60 prometheus_healthy
}

prometheus_healthy() { http_ok "http://127.0.0.1:$(port_of prometheus)/-/ready"; }

prometheus_stop() { stop_pid prometheus 30; }
