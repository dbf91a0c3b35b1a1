# ZooKeeper 3.8 standalone server from Maven jars: the Flink JobManager's high-availability
# services keep its leader, job graphs and the pointers to completed checkpoints there.

ZOOKEEPER_PORT=$(port_of zookeeper)
ZOOKEEPER_CONF="$CONF_DIR/zookeeper/zoo.cfg"

zookeeper_start() {
  local classpath
  classpath=$(stack_classpath zookeeper)
  mkdir -p "$DATA_DIR/zookeeper"
  render "$STACK_DIR/zookeeper/zoo.cfg" "$ZOOKEEPER_CONF" DATA="$DATA_DIR/zookeeper" PORT="$ZOOKEEPER_PORT"
  spawn zookeeper java -Xms64m -Xmx256m "$(devlogs_marker)" \
    "-Dlogback.configurationFile=$STACK_DIR/zookeeper/logback.xml" \
    -Dzookeeper.jmx.log4j.disable=true \
    -cp "$classpath" org.apache.zookeeper.server.ZooKeeperServerMain "$ZOOKEEPER_CONF"
  wait_ready zookeeper 60 zookeeper_healthy
}

# Serving requests: the 'srvr' command names the server's mode (a starting server says it is
# not serving yet).
zookeeper_healthy() {
  local answer
  answer=$(
    exec 2>/dev/null 3<>"/dev/tcp/127.0.0.1/$ZOOKEEPER_PORT" && printf srvr >&3 && timeout 2 cat <&3
  ) || return 1
  grep -q '^Mode: ' <<<"$answer"
}

zookeeper_stop() { stop_pid zookeeper 30; }
