# Flink 1.20 standalone session cluster (one JobManager, one TaskManager) from Maven jars.
# flink-dist is not on Maven Central, so this does what Flink's start scripts do, by hand:
# memory flags from BashJavaUtils, the JVM options of config.yaml, then the entry point.
# The job itself (submit, stop with a savepoint, state) is the Java command of the ops module.

FLINK_CONF="$CONF_DIR/flink"
FLINK_JOB_NAME="devlogs-log-pipeline"
FLINK_JOB_JAR="$REPO_ROOT/flink-jobs/target/devlogs-flink-jobs.jar"

flink_render_config() {
  mkdir -p "$DATA_DIR/flink/checkpoints" "$DATA_DIR/flink/savepoints" "$DATA_DIR/flink/tmp" "$DATA_DIR/flink/uploads" \
    "$DATA_DIR/flink/ha"
  render "$REPO_ROOT/flink-conf/config.yaml" "$FLINK_CONF/config.yaml" DEVLOGS_HOME="$DEVLOGS_HOME" \
    REST_PORT="$(port_of flink-jobmanager)" RPC_PORT="$(port_of flink-jobmanager RPC_PORT)" \
    BLOB_PORT="$(port_of flink-jobmanager BLOB_PORT)" TASKMANAGER_PORT="$(port_of flink-taskmanager)" \
    DATA_PORT="$(port_of flink-taskmanager DATA_PORT)" ZOOKEEPER_PORT="$(port_of zookeeper)"
  cp "$REPO_ROOT/flink-conf/log4j.properties" "$FLINK_CONF/log4j.properties"
}

# flink_resource_params <GET_JM_RESOURCE_PARAMS|GET_TM_RESOURCE_PARAMS> <classpath>: two lines,
# the JVM memory flags and the matching -D dynamic properties for the entry point.
flink_resource_params() {
  java -cp "$2" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$FLINK_CONF" 2>&1 |
    sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}

flink_java_opts() { sed -n 's/^env\.java\.opts\.all: *//p' "$FLINK_CONF/config.yaml"; }

# flink_spawn <component> <resource command> <main class>: the process serves its Prometheus
# metrics on the component's METRICS_PORT.
flink_spawn() {
  local component=$1 resource_cmd=$2 main=$3 classpath params jvm_params dynamic_params java_opts
  classpath=$(stack_classpath flink)
  params=$(flink_resource_params "$resource_cmd" "$classpath")
  [[ $(wc -l <<<"$params") -ge 2 ]] || die "BashJavaUtils $resource_cmd failed: $params"
  read -ra jvm_params <<<"$(sed -n 1p <<<"$params")"
  read -ra dynamic_params <<<"$(sed -n 2p <<<"$params")"
  read -ra java_opts <<<"$(flink_java_opts)"
  spawn "$component" java "${jvm_params[@]}" "${java_opts[@]}" "$(devlogs_marker)" \
    "-Dlog.file=$LOG_DIR/$component.log" \
    "-Dlog4j.configurationFile=file:$FLINK_CONF/log4j.properties" \
    -cp "$classpath" "$main" --configDir "$FLINK_CONF" "${dynamic_params[@]}" \
    -D "metrics.reporter.prom.port=$(port_of "$component" METRICS_PORT)"
}

flink_jobmanager_start() {
  flink_render_config
  flink_spawn flink-jobmanager GET_JM_RESOURCE_PARAMS org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint
  wait_ready flink-jobmanager 90 flink_jobmanager_healthy
}

# Ready when this TaskManager has registered at the JobManager's resource manager, as its own log
# says after the point where this start began (the log is appended to across restarts). After a
# kill, the JobManager lists the dead one, with its slots, until its heartbeat times out.
flink_taskmanager_start() {
  local log="$LOG_DIR/flink-taskmanager.log" offset=0
  [[ -f $log ]] && offset=$(stat -c %s "$log")
  flink_render_config
  flink_spawn flink-taskmanager GET_TM_RESOURCE_PARAMS org.apache.flink.runtime.taskexecutor.TaskManagerRunner
  wait_ready flink-taskmanager 90 flink_taskmanager_registered_since "$offset"
}

flink_taskmanager_registered_since() {
  tail -c +"$(($1 + 1))" "$LOG_DIR/flink-taskmanager.log" 2>/dev/null |
    grep -q 'Successful registration at resource manager'
}

flink_jobmanager_healthy() { http_ok "$FLINK_REST/overview"; }

# Healthy when its RPC port accepts connections (the JobManager's view of it is in the job state).
flink_taskmanager_healthy() { port_open "$(port_of flink-taskmanager)"; }

flink_jobmanager_stop() { stop_pid flink-jobmanager 30; }
flink_taskmanager_stop() { stop_pid flink-taskmanager 30; }

# --- the pipeline job -----------------------------------------------------------------------

# flink_job <state|submit|stop> [options]: io.devlogs.ops.flink.FlinkJobCommand, with the job's
# name, jar and the launcher's files; the JobManager's address is DEVLOGS_FLINK_REST_URL.
flink_job() {
  local action=$1
  shift
  ops_ensure_built || return 1
  DEVLOGS_FLINK_REST_URL=$FLINK_REST run_main ops io.devlogs.ops.flink.FlinkJobCommand "$action" \
    --job-name "$FLINK_JOB_NAME" --jar "$FLINK_JOB_JAR" --flink-data "$DATA_DIR/flink" --log-dir "$LOG_DIR" \
    --flink-conf "$REPO_ROOT/flink-conf/config.yaml" "$@"
}

# flink_job_state: RUNNING if the job runs, else the state of one being recovered, else of one that
# ended, else nothing.
flink_job_state() { flink_job state 2>/dev/null || true; }

flink_job_is_running() { [[ $(flink_job_state) == RUNNING ]]; }

# flink_pipeline_status: the job's state, the age of its latest completed checkpoint and its consumer
# lag (io.devlogs.ops.health.PipelineStatusCommand); fails while the pipeline is down or stalled.
flink_pipeline_status() {
  ops_ensure_built || return 1
  DEVLOGS_FLINK_REST_URL=$FLINK_REST DEVLOGS_FLINK_JOB_NAME=$FLINK_JOB_NAME \
    run_main ops io.devlogs.ops.health.PipelineStatusCommand
}

# flink_stop_job_with_savepoint: stops the running job with a savepoint, so the next submission
# resumes from exactly where it stopped. Fails (after a warning) if the savepoint did not complete;
# the job then keeps running.
flink_stop_job_with_savepoint() { flink_job stop "$@"; }

# The ops module holds the launcher's Java commands. It is small, so a checkout whose build has not
# run yet (up --infra-only, or a stack another checkout started) builds it alone.
ops_ensure_built() {
  module_has_main ops io.devlogs.ops.flink.FlinkJobCommand &&
    module_has_main ops io.devlogs.ops.health.PipelineStatusCommand && return 0
  step ops "mvn -q -B -DskipTests -pl ops -am package (log: $LOG_DIR/build.log)" >&2
  mkdir -p "$LOG_DIR"
  (cd "$REPO_ROOT" && mvn -q -B -DskipTests -pl ops -am package) >>"$LOG_DIR/build.log" 2>&1 ||
    { warn "building the ops module failed; see $LOG_DIR/build.log" && return 1; }
}
