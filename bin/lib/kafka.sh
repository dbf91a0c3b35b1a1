# Kafka 4.1 broker in KRaft mode (broker and controller in one JVM), from Maven jars.

KAFKA_PORT=$(port_of kafka)
KAFKA_CONF="$CONF_DIR/kafka/server.properties"

kafka_java() {
  local classpath
  classpath=$(stack_classpath kafka)
  java -cp "$classpath" "$(devlogs_marker)" "$@"
}

kafka_render_config() {
  render "$STACK_DIR/kafka/server.properties" "$KAFKA_CONF" DATA="$DATA_DIR/kafka" PORT="$KAFKA_PORT" \
    CONTROLLER_PORT="$(port_of kafka CONTROLLER_PORT)"
}

# A new KRaft log directory must be formatted once with a cluster id (16 random bytes, base64url).
kafka_format_storage() {
  [[ -s $DATA_DIR/kafka/logs/meta.properties ]] && return 0
  local cluster_id
  cluster_id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
  kafka_java "-Dlog4j2.configurationFile=$STACK_DIR/kafka/tools-log4j2.properties" \
    kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_CONF" >>"$LOG_DIR/kafka.log" 2>&1 ||
    die "formatting Kafka storage failed; see $LOG_DIR/kafka.log"
}

kafka_start() {
  local classpath
  classpath=$(stack_classpath kafka)
  kafka_render_config
  kafka_format_storage
  spawn kafka java -Xms512m -Xmx512m -XX:+UseG1GC "$(devlogs_marker)" \
    "-Dlog4j2.configurationFile=$STACK_DIR/kafka/log4j2.properties" \
    -cp "$classpath" kafka.Kafka "$KAFKA_CONF"
  wait_ready kafka 90 port_open "$KAFKA_PORT"
  wait_ready kafka 60 kafka_metadata_answers
}

# A real metadata round trip: listing topics needs a broker that has joined the KRaft quorum.
kafka_metadata_answers() { kafka_tool org.apache.kafka.tools.TopicCommand --list >/dev/null 2>&1; }

kafka_healthy() { port_open "$KAFKA_PORT"; }

# kafka_tool <main class> [args...]: runs a Kafka CLI tool against the local broker.
kafka_tool() {
  local main=$1
  shift
  kafka_java "-Dlog4j2.configurationFile=$STACK_DIR/kafka/tools-log4j2.properties" \
    "$main" --bootstrap-server "127.0.0.1:$KAFKA_PORT" "$@"
}

kafka_stop() { stop_pid kafka 60; }
