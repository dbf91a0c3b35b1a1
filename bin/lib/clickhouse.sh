# ClickHouse 18.16 from the Debian package, run directly (not through systemd) with a config
# whose every path is inside .devlogs.

CH_HTTP_PORT=$(port_of clickhouse)
CH_CONF_DIR="$CONF_DIR/clickhouse"

clickhouse_install() {
  command -v clickhouse-server >/dev/null && command -v clickhouse-client >/dev/null && return 0
  step clickhouse "installing Debian packages clickhouse-server clickhouse-client"
  apt_install clickhouse-server clickhouse-client
}

clickhouse_render_config() {
  local data="$DATA_DIR/clickhouse"
  mkdir -p "$data/tmp" "$data/user_files" "$data/format_schemas"
  render "$STACK_DIR/clickhouse/config.xml" "$CH_CONF_DIR/config.xml" \
    DATA="$data" LOGS="$LOG_DIR" CONF="$CH_CONF_DIR" \
    PORT="$CH_HTTP_PORT" NATIVE_PORT="$(port_of clickhouse NATIVE_PORT)"
  render "$STACK_DIR/clickhouse/users.xml" "$CH_CONF_DIR/users.xml"
}

clickhouse_start() {
  clickhouse_install
  clickhouse_render_config
  spawn clickhouse clickhouse-server --config-file="$CH_CONF_DIR/config.xml"
  wait_ready clickhouse 60 clickhouse_healthy
}

clickhouse_healthy() {
  [[ $(curl -fsS --max-time 2 "http://127.0.0.1:$CH_HTTP_PORT/ping" 2>/dev/null) == "Ok." ]]
}

clickhouse_stop() { stop_pid clickhouse 30; }
