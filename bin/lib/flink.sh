# Flink 1.20 standalone session cluster (one JobManager, one TaskManager) from Maven jars.
# flink-dist is not on Maven Central, so this does what Flink's start scripts do, by hand:
# memory flags from BashJavaUtils, the JVM options of config.yaml, then the entry point.

FLINK_REST="http://127.0.0.1:18081"
FLINK_CONF="$CONF_DIR/flink"

flink_render_config() {
  mkdir -p "$DATA_DIR/flink/checkpoints" "$DATA_DIR/flink/savepoints" "$DATA_DIR/flink/tmp" "$DATA_DIR/flink/uploads" \
    "$DATA_DIR/flink/ha"
  render "$REPO_ROOT/flink-conf/config.yaml" "$FLINK_CONF/config.yaml" DEVLOGS_HOME="$DEVLOGS_HOME"
  cp "$REPO_ROOT/flink-conf/log4j.properties" "$FLINK_CONF/log4j.properties"
}

# flink_resource_params <GET_JM_RESOURCE_PARAMS|GET_TM_RESOURCE_PARAMS> <classpath>: two lines,
# the JVM memory flags and the matching -D dynamic properties for the entry point.
flink_resource_params() {
  java -cp "$2" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$FLINK_CONF" 2>&1 |
    sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}

flink_java_opts() { sed -n 's/^env\.java\.opts\.all: *//p' "$FLINK_CONF/config.yaml"; }

# flink_spawn <component> <resource command> <main class>
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
    -cp "$classpath" "$main" --configDir "$FLINK_CONF" "${dynamic_params[@]}"
}

flink_jobmanager_start() {
  flink_render_config
  flink_spawn flink-jobmanager GET_JM_RESOURCE_PARAMS org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint
  wait_ready flink-jobmanager 90 flink_jobmanager_healthy
}

# Ready when a TaskManager that was not registered before has registered: after a kill, the
# JobManager lists the dead one (with its slots) until its heartbeat times out.
flink_taskmanager_start() {
  local known
  known=$(flink_taskmanager_ids) || true # none yet, or the JobManager is still starting
  flink_render_config
  flink_spawn flink-taskmanager GET_TM_RESOURCE_PARAMS org.apache.flink.runtime.taskexecutor.TaskManagerRunner
  wait_ready flink-taskmanager 90 flink_new_taskmanager_registered "$known"
}

# The ids of the TaskManagers the JobManager knows, one per line.
flink_taskmanager_ids() {
  curl -fsS --max-time 2 "$FLINK_REST/taskmanagers" 2>/dev/null | grep -o '"id":"[^"]*"' | cut -d'"' -f4
}

flink_new_taskmanager_registered() { flink_taskmanager_ids | grep -qvxF -f <(printf '%s\n' "$1"); }

flink_jobmanager_healthy() { http_ok "$FLINK_REST/overview"; }

# Ready when the JobManager sees at least one TaskManager with a free slot.
flink_taskmanager_healthy() {
  local overview
  overview=$(curl -fsS --max-time 2 "$FLINK_REST/overview" 2>/dev/null) || return 1
  (($(json_number "$overview" taskmanagers) >= 1 && $(json_number "$overview" slots-available) >= 1))
}

# json_number <json> <key>: the first numeric value of "key" in a flat JSON answer, or 0.
json_number() {
  local value
  value=$(grep -o "\"$2\":[0-9]*" <<<"$1" | head -1 | cut -d: -f2)
  echo "${value:-0}"
}

# flink_job_states <job name>: the states of the jobs with that name, one per line. /jobs/overview
# lists each job as {"jid":..,"name":..,...,"state":..,"tasks":{..}}, so one line per '{' keeps
# name and state together.
flink_job_states() {
  curl -fsS --max-time 5 "$FLINK_REST/jobs/overview" 2>/dev/null |
    tr '{' '\n' | grep -F "\"name\":\"$1\"" | grep -o '"state":"[A-Z_]*"' | cut -d'"' -f4 || true
}

# flink_job_state <job name>: RUNNING if a job with that name runs, else the state of one that has
# not ended (INITIALIZING, RESTARTING... while the JobManager recovers it), else of one such job
# (FINISHED, CANCELED...), else nothing.
flink_job_state() {
  local states
  states=$(flink_job_states "$1")
  if grep -qx RUNNING <<<"$states"; then
    echo RUNNING
  else
    grep -vxE "$FLINK_ENDED_STATES" <<<"$states" | head -1 | grep . || head -1 <<<"$states"
  fi
}

FLINK_ENDED_STATES='FINISHED|CANCELED|FAILED'

# flink_job_active <job name>: a job with that name has not ended: it runs, or the JobManager is
# recovering, restarting or deploying it.
flink_job_active() {
  local states
  states=$(flink_job_states "$1")
  [[ -n $states ]] && grep -qvxE "$FLINK_ENDED_STATES" <<<"$states"
}

# flink_running_job_id <job name>: the id of the RUNNING job with that name, or nothing.
flink_running_job_id() {
  curl -fsS --max-time 5 "$FLINK_REST/jobs/overview" 2>/dev/null | tr '{' '\n' |
    grep -F "\"name\":\"$1\"" | grep -F '"state":"RUNNING"' |
    grep -o '"jid":"[0-9a-f]*"' | cut -d'"' -f4 | head -1 || true
}

FLINK_LAST_SAVEPOINT="$DATA_DIR/flink/last-savepoint"

# flink_stop_job_with_savepoint <job name>: stops the job with a savepoint, so the next
# submission resumes from exactly where it stopped; the savepoint path goes to last-savepoint.
# Fails (after a warning) if the savepoint did not complete; the job then keeps running.
flink_stop_job_with_savepoint() {
  local job_id trigger_id
  job_id=$(flink_running_job_id "$1")
  [[ -n $job_id ]] || return 0
  step flink-job "stopping $1 ($job_id) with a savepoint"
  trigger_id=$(curl -fsS -X POST -H 'Content-Type: application/json' \
    --data "{\"targetDirectory\":\"file://$DATA_DIR/flink/savepoints\",\"drain\":false}" \
    "$FLINK_REST/jobs/$job_id/stop" | grep -o '"request-id":"[^"]*"' | cut -d'"' -f4) || true
  if [[ -z $trigger_id ]] || ! wait_until 120 flink_savepoint_completed "$job_id" "$trigger_id"; then
    warn "stop-with-savepoint of $1 did not complete; see $LOG_DIR/flink-jobmanager.log"
    return 1
  fi
  local location
  location=$(flink_savepoint_answer "$job_id" "$trigger_id" | grep -o '"location":"[^"]*"' | cut -d'"' -f4)
  if [[ -z $location ]]; then
    warn "stop-with-savepoint of $1 failed: $(flink_savepoint_answer "$job_id" "$trigger_id" | head -c 300)"
    return 1
  fi
  echo "$location" >"$FLINK_LAST_SAVEPOINT"
  step flink-job "stopped with savepoint $location"
}

# The ids of the jobs the launcher submitted, newest last: their retained checkpoints are the
# pipeline's (other jobs on the cluster, such as the benchmark's, keep theirs apart).
FLINK_PIPELINE_JOBS="$DATA_DIR/flink/pipeline-jobs"

flink_record_pipeline_job() {
  echo "$1" >>"$FLINK_PIPELINE_JOBS"
  tail -n 20 "$FLINK_PIPELINE_JOBS" >"$FLINK_PIPELINE_JOBS.tmp" && mv "$FLINK_PIPELINE_JOBS.tmp" "$FLINK_PIPELINE_JOBS"
}

# flink_newest_checkpoint: "<mtime> <directory>" of the newest completed checkpoint (a chk-N
# directory with its _metadata) of the pipeline's jobs, or nothing. Checkpoints are retained when
# a job is cancelled or lost, not when it ends with a savepoint.
flink_newest_checkpoint() {
  [[ -s $FLINK_PIPELINE_JOBS ]] || return 0
  local id dirs=()
  while read -r id; do
    [[ -d $DATA_DIR/flink/checkpoints/$id ]] && dirs+=("$DATA_DIR/flink/checkpoints/$id")
  done < <(grep -xE '[0-9a-f]{32}' "$FLINK_PIPELINE_JOBS" | sort -u)
  ((${#dirs[@]})) || return 0
  find "${dirs[@]}" -mindepth 2 -maxdepth 2 -path '*/chk-*/_metadata' -printf '%T@ %h\n' | sort -n | tail -1
}

# flink_restore_point: the path to resume the pipeline from: the newer of the last savepoint and
# the newest retained checkpoint, or nothing (the consumer group's committed offsets).
flink_restore_point() {
  local savepoint="" savepoint_time=0 checkpoint
  if [[ -s $FLINK_LAST_SAVEPOINT ]]; then
    savepoint=$(cat "$FLINK_LAST_SAVEPOINT")
    savepoint_time=$(stat -c %Y "${savepoint#file:}/_metadata" 2>/dev/null || echo 0)
  fi
  checkpoint=$(flink_newest_checkpoint)
  if [[ -n $checkpoint ]] && ((${checkpoint%%.*} > savepoint_time)); then
    echo "${checkpoint#* }"
  else
    echo "$savepoint"
  fi
}

flink_savepoint_answer() { curl -fsS --max-time 5 "$FLINK_REST/jobs/$1/savepoints/$2" 2>/dev/null; }
flink_savepoint_completed() { flink_savepoint_answer "$1" "$2" | grep -q '"id":"COMPLETED"'; }

flink_jobmanager_stop() { stop_pid flink-jobmanager 30; }
flink_taskmanager_stop() { stop_pid flink-taskmanager 30; }
