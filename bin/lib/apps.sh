# Application steps of `up`: build, schemas, Flink job, ingest, query service, demo project,
# generator. Each step skips with a message when its class or jar has not been built.

DEMO_ENV="$DEVLOGS_HOME/demo.env"
# The build belongs to this checkout, even when DEVLOGS_HOME points at another checkout's stack.
BUILD_STAMP="$REPO_ROOT/.devlogs/build.stamp"

# The DEVLOGS_* settings of the local stack: stack/local-stack.env, generated from the settings
# registry (contract), one KEY=value line each.
stack_settings() {
  grep -E '^DEVLOGS_[A-Z0-9_]+=' "$REPO_ROOT/stack/local-stack.env"
}

# stack_setting <DEVLOGS_NAME>: one of those values.
stack_setting() { stack_settings | sed -n "s/^$1=//p"; }

INGEST_URL=$(stack_setting DEVLOGS_INGEST_URL)
QUERY_URL=$(stack_setting DEVLOGS_QUERY_URL)
FLINK_REST=$(stack_setting DEVLOGS_FLINK_REST_URL)

export_stack_settings() {
  local line
  while IFS= read -r line; do export "${line?}"; done < <(stack_settings)
}

# --- running the project's Java entry points ------------------------------------------------

module_classpath() { echo "$REPO_ROOT/$1/target/classes:$(cat "$REPO_ROOT/$1/target/runtime-classpath.txt")"; }

# module_has_main <module> <main class>: built, with its runtime classpath.
module_has_main() {
  [[ -f $REPO_ROOT/$1/target/classes/${2//.//}.class && -f $REPO_ROOT/$1/target/runtime-classpath.txt ]]
}

# skip_unless_built <component> <module> <main class>: prints the skip line and fails if absent.
skip_unless_built() {
  module_has_main "$2" "$3" && return 0
  step "$1" "skipped: $3 not built ($2/target/classes, $2/target/runtime-classpath.txt)"
  return 1
}

run_main() {
  local module=$1 main=$2
  shift 2
  (cd "$REPO_ROOT" && java "$(devlogs_marker)" -cp "$(module_classpath "$module")" "$main" "$@")
}

spawn_main() {
  local component=$1 module=$2 main=$3
  shift 3
  local classpath
  classpath=$(private_classpath "$component" "$(module_classpath "$module")")
  spawn "$component" java "$(devlogs_marker)" -cp "$classpath" "$main" "$@"
}

# private_classpath <component> <classpath>: the classpath with this project's own classes and
# jars (the checkout's target/ folders, io/devlogs in the Maven repository) replaced by copies, so
# a rebuild or `mvn install` while the service runs cannot rewrite files it has open.
private_classpath() {
  local dir="$RUN_DIR/$1-classpath" entry copy n=0
  local -a entries out=()
  rm -rf "$dir" && mkdir -p "$dir"
  IFS=: read -ra entries <<<"$2"
  for entry in "${entries[@]}"; do
    if [[ $entry == "$REPO_ROOT"/* || $entry == */io/devlogs/* ]]; then
      n=$((n + 1))
      copy="$dir/$n-$(basename "$entry")"
      cp -r "$entry" "$copy"
      out+=("$copy")
    else
      out+=("$entry")
    fi
  done
  (IFS=: && echo "${out[*]}")
}

# --- steps ----------------------------------------------------------------------------------

# A source, pom or web file newer than the last successful build means the build is stale.
build_is_stale() {
  [[ -f $BUILD_STAMP ]] || return 0
  [[ -n $(find "$REPO_ROOT" \
    \( -path "$REPO_ROOT/.git" -o -path "$REPO_ROOT/.devlogs" -o -path "$REPO_ROOT/stack" \
    -o -name target -o -name node_modules \) -prune -o \
    -type f -newer "$BUILD_STAMP" \( -path '*/src/*' -o -name pom.xml -o -path "$REPO_ROOT/web/*" \) \
    -print -quit) ]]
}

app_build() {
  if ! build_is_stale; then
    step build "up to date"
    return 0
  fi
  step build "mvn -q -B -DskipTests package (log: $LOG_DIR/build.log)"
  if (cd "$REPO_ROOT" && mvn -q -B -DskipTests package) >"$LOG_DIR/build.log" 2>&1; then
    mkdir -p "$(dirname "$BUILD_STAMP")"
    touch "$BUILD_STAMP"
    step build "done"
  else
    warn "the build failed; steps whose classes are missing will be skipped. See $LOG_DIR/build.log"
  fi
}

app_apply_schemas() {
  skip_unless_built schema schema io.devlogs.schema.SchemaApplier || return 0
  if run_main schema io.devlogs.schema.SchemaApplier --schema.dir=schema/ddl >"$LOG_DIR/schema.log" 2>&1; then
    step schema "applied (schema/ddl)"
  else
    warn "SchemaApplier failed; see $LOG_DIR/schema.log"
  fi
}

# Submits the job unless it is there (a job the JobManager recovers by itself must not get a twin),
# resuming from the newer of the last savepoint and the newest retained checkpoint, else from the
# consumer group's committed offsets. Every setting the job reads that is set here is passed on.
app_submit_flink_job() { flink_job submit || true; }

# start_service <component> <module> <main class> <health url>
start_service() {
  local component=$1 module=$2 main=$3 health=$4
  if is_running "$component"; then
    step "$component" "already running (pid $(read_pid "$component"))"
    return 0
  fi
  skip_unless_built "$component" "$module" "$main" || return 0
  spawn_main "$component" "$module" "$main"
  wait_ready "$component" 60 http_ok "$health"
  step "$component" "ready (pid $(read_pid "$component")) $health"
}

app_start_ingest() { start_service ingest ingest-http io.devlogs.ingest.IngestServer "$INGEST_URL/healthz"; }
app_start_query() { start_service query query-service io.devlogs.query.QueryServer "$QUERY_URL/healthz"; }

# The demo project is created once; its keys are kept in .devlogs/demo.env and reused.
app_create_demo_project() {
  if [[ -s $DEMO_ENV ]]; then
    step demo "project keys from $DEMO_ENV"
    return 0
  fi
  skip_unless_built demo projects io.devlogs.projects.ProjectsCli || return 0
  local output
  if output=$(run_main projects io.devlogs.projects.ProjectsCli create-project demo 2>>"$LOG_DIR/demo.log"); then
    grep -E '^DEVLOGS_[A-Z_]+=' <<<"$output" >"$DEMO_ENV"
    step demo "project created, keys in $DEMO_ENV"
  else
    warn "ProjectsCli create-project demo failed; see $LOG_DIR/demo.log"
    return 0
  fi
  # An admin key of the built-in operator project: it may create projects through the admin API.
  if output=$(run_main projects io.devlogs.projects.ProjectsCli operator-key 2>>"$LOG_DIR/demo.log"); then
    grep -E '^DEVLOGS_OPERATOR_KEY=' <<<"$output" >>"$DEMO_ENV"
  else
    warn "ProjectsCli operator-key failed; see $LOG_DIR/demo.log"
  fi
}

demo_setting() { [[ -s $DEMO_ENV ]] && sed -n "s/^$1=//p" "$DEMO_ENV"; }

app_start_generator() {
  if is_running generator; then
    step generator "already running (pid $(read_pid generator))"
    return 0
  fi
  skip_unless_built generator generator io.devlogs.generator.LogGenerator || return 0
  local ingest_key
  ingest_key=$(demo_setting DEVLOGS_INGEST_KEY) || true
  if [[ -z $ingest_key ]]; then
    step generator "skipped: no demo ingest key in $DEMO_ENV"
    return 0
  fi
  spawn_main generator generator io.devlogs.generator.LogGenerator \
    "--ingest-url=$INGEST_URL" "--ingest-key=$ingest_key" --rate=20
  step generator "started (pid $(read_pid generator)), 20 events/s"
}

print_summary() {
  cat <<EOF

devlogs local stack is up ($((EPOCHSECONDS - DEVLOGS_STARTED_AT))s)
  ingest          $INGEST_URL/v1/logs
  query + UI      $QUERY_URL/
  Flink UI        $FLINK_REST/
  Kafka           127.0.0.1:${PORT[kafka]}     ClickHouse  http://127.0.0.1:${PORT[clickhouse]} (native $(port_of clickhouse NATIVE_PORT))
  Cassandra CQL   127.0.0.1:${PORT[cassandra]}     PostgreSQL  127.0.0.1:${PORT[postgres]} (devlogs/devlogs)
EOF
  if [[ -s $DEMO_ENV ]]; then
    echo "  demo project ($DEMO_ENV):"
    sed 's/^/    /' "$DEMO_ENV"
  fi
  if is_running oidc-provider; then
    echo "  single sign-on  $(oidc_provider_issuer)/ (\"Sign in with single sign-on\" on the dashboard; demo accounts in $OIDC_DEMO_ACCOUNTS)"
  fi
  if is_running prometheus; then echo "  Prometheus      http://127.0.0.1:${PORT[prometheus]}/"; fi
  echo "  settings for tests and tools: eval \"\$(bin/devlogs env)\""
}
