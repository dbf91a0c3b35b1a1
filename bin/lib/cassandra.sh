# Cassandra 5.0 single node from Maven jars, with the JVM flags of Cassandra's own scripts.

CASSANDRA_CQL_PORT=$(port_of cassandra)
CASSANDRA_JMX_PORT=$(port_of cassandra JMX_PORT)
CASSANDRA_CONF="$CONF_DIR/cassandra/cassandra.yaml"

cassandra_start() {
  local classpath data="$DATA_DIR/cassandra"
  classpath=$(stack_classpath cassandra)
  render "$STACK_DIR/cassandra/cassandra.yaml" "$CASSANDRA_CONF" DATA="$data" PORT="$CASSANDRA_CQL_PORT" \
    STORAGE_PORT="$(port_of cassandra STORAGE_PORT)"
  mkdir -p "$data"
  local jvm_flags
  mapfile -t jvm_flags < <(jvm_options_from "$STACK_DIR/cassandra/jvm17-server.options")
  spawn cassandra java -Xms512m -Xmx1g "${jvm_flags[@]}" "$(devlogs_marker)" \
    "-javaagent:$(jar_on_classpath "$classpath" jamm)" \
    "-Dcassandra.config=file://$CASSANDRA_CONF" \
    "-Dcassandra.storagedir=$data" \
    "-Dcassandra.logdir=$LOG_DIR" \
    "-Dlogback.configurationFile=$STACK_DIR/cassandra/logback.xml" \
    -Dcassandra-foreground=yes \
    -Dcassandra.skip_wait_for_gossip_to_settle=0 \
    "-Dcassandra.jmx.local.port=$CASSANDRA_JMX_PORT" \
    -cp "$classpath" org.apache.cassandra.service.CassandraDaemon
  # The CQL port opens only once the node has fully started.
  wait_ready cassandra 180 port_open "$CASSANDRA_CQL_PORT"
}

cassandra_healthy() { port_open "$CASSANDRA_CQL_PORT"; }

# nodetool <args...>: Cassandra's admin tool over the local JMX port.
cassandra_nodetool() {
  local classpath jpms_flags
  classpath=$(stack_classpath cassandra)
  mapfile -t jpms_flags < <(jvm_options_from "$STACK_DIR/cassandra/jvm17-server.options" | grep -e '^--add-')
  java "${jpms_flags[@]}" -cp "$classpath" -Dlogback.configurationFile="$STACK_DIR/cassandra/logback.xml" \
    org.apache.cassandra.tools.NodeTool -h 127.0.0.1 -p "$CASSANDRA_JMX_PORT" "$@"
}

cassandra_stop() { stop_pid cassandra 60; }
