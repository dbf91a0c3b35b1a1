# Shared helpers: paths, progress output, pid files, readiness polling, templates, classpaths.
# Sourced by bin/devlogs; expects REPO_ROOT to be set.

# DEVLOGS_HOME may point at the .devlogs folder of another checkout, to operate the stack that
# checkout started (its pid files, data and logs) with this checkout's launcher.
export DEVLOGS_HOME="${DEVLOGS_HOME:-$REPO_ROOT/.devlogs}"
RUN_DIR="$DEVLOGS_HOME/run"
LOG_DIR="$DEVLOGS_HOME/logs"
DATA_DIR="$DEVLOGS_HOME/data"
CONF_DIR="$DEVLOGS_HOME/conf"
STACK_DIR="$REPO_ROOT/stack"

# The start of this command, in epoch seconds; the Java commands (io.devlogs.ops.Progress) and a
# launcher they call count their step lines from it too.
export DEVLOGS_STARTED_AT="${DEVLOGS_STARTED_AT:-$EPOCHSECONDS}"

# --- output ---------------------------------------------------------------------------------

# step <component> <message>: one progress line, e.g. "[ 12s] kafka ........ ready (pid 1234)".
step() {
  local name="$1 "
  while ((${#name} < 19)); do name+="."; done
  printf '[%3ds] %s %s\n' "$((EPOCHSECONDS - DEVLOGS_STARTED_AT))" "$name" "$2"
}

warn() { printf 'devlogs: warning: %s\n' "$*" >&2; }
die() {
  printf 'devlogs: error: %s\n' "$*" >&2
  exit 1
}

ensure_dirs() {
  mkdir -p "$RUN_DIR" "$LOG_DIR" "$DATA_DIR" "$CONF_DIR"
}

# --- pid files ------------------------------------------------------------------------------

pid_file() { echo "$RUN_DIR/$1.pid"; }

read_pid() {
  local file
  file=$(pid_file "$1")
  [[ -s $file ]] && cat "$file"
}

# A pid counts as ours only if the process is alive and its command line mentions .devlogs:
# every process the launcher starts carries that path, so a recycled pid is never mistaken for it.
# Reads the command line whole before matching: piped into grep -q, the reader of a long command
# line (a classpath) died of SIGPIPE when grep had matched, and pipefail made a running process
# look dead.
is_running() {
  local pid cmdline
  pid=$(read_pid "$1") || return 1
  cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
  [[ $cmdline == *"$DEVLOGS_HOME"* ]]
}

write_pid() { echo "$2" >"$(pid_file "$1")"; }
remove_pid() { rm -f "$(pid_file "$1")"; }

# spawn <component> <command...>: starts the command in the background in its own session,
# output appended to the component's log, and records its real pid. setsid does not fork here
# (a background job is not a process-group leader), so $! is the server process itself.
spawn() {
  local component=$1
  shift
  setsid "$@" >>"$LOG_DIR/$component.log" 2>&1 </dev/null &
  write_pid "$component" "$!"
}

# stop_pid <component> [seconds]: SIGTERM, then SIGKILL once the deadline has passed.
stop_pid() {
  local component=$1 timeout=${2:-30} pid
  if ! is_running "$component"; then
    remove_pid "$component"
    return 0
  fi
  pid=$(read_pid "$component")
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_until "$timeout" pid_gone "$pid"; then
    warn "$component (pid $pid) ignored SIGTERM for ${timeout}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    wait_until 10 pid_gone "$pid" || warn "$component (pid $pid) is still alive"
  fi
  remove_pid "$component"
}

pid_gone() { ! kill -0 "$1" 2>/dev/null; }

# --- readiness ------------------------------------------------------------------------------

# wait_until <seconds> <command...>: polls the command until it succeeds or the deadline passes.
wait_until() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}

# wait_ready <component> <seconds> <check...>: like wait_until, but gives up early if the
# component's process died, and points at its log.
wait_ready() {
  local component=$1 timeout=$2
  shift 2
  local deadline=$((SECONDS + timeout))
  until "$@"; do
    is_running "$component" || die "$component exited during start-up; see $LOG_DIR/$component.log"
    ((SECONDS < deadline)) || die "$component not ready after ${timeout}s; see $LOG_DIR/$component.log"
    sleep 0.5
  done
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

http_ok() { curl -fsS --max-time 2 -o /dev/null "$1" 2>/dev/null; }

# --- templates and Java ---------------------------------------------------------------------

# render <template> <output> [NAME=value...]: copies the template, replacing each @NAME@.
render() {
  local template=$1 output=$2 pair
  shift 2
  local sed_args=(-e '')
  for pair in "$@"; do
    sed_args+=(-e "s|@${pair%%=*}@|${pair#*=}|g")
  done
  mkdir -p "$(dirname "$output")"
  sed "${sed_args[@]}" "$template" >"$output"
}

# JVM flags from an options file: one per line, '#' comments and blank lines skipped.
jvm_options_from() { grep -v -e '^\s*#' -e '^\s*$' "$1"; }

# stack_classpath <kafka|cassandra|flink>: the runtime classpath of stack/<name>/pom.xml,
# resolved by Maven once and cached in .devlogs until the pom changes.
stack_classpath() {
  local name=$1 pom="$STACK_DIR/$1/pom.xml"
  local cache="$DEVLOGS_HOME/classpath/$name.txt" stamp="$DEVLOGS_HOME/classpath/$name.pom.sha256"
  local pom_hash
  pom_hash=$(cat "$pom" "$REPO_ROOT/pom.xml" | sha256sum | cut -d' ' -f1)
  if [[ ! -s $cache || ! -s $stamp || $(cat "$stamp") != "$pom_hash" ]]; then
    mkdir -p "$(dirname "$cache")"
    step "$name" "resolving classpath with Maven" >&2
    (cd "$STACK_DIR/$name" && mvn -q -B -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile="$cache") >>"$LOG_DIR/install.log" 2>&1 ||
      die "Maven could not resolve $pom"
    echo "$pom_hash" >"$stamp"
  fi
  cat "$cache"
}

# jar_on_classpath <classpath> <artifact>: the path of one jar of a classpath.
jar_on_classpath() { tr ':' '\n' <<<"$1" | grep -m1 "/$2-[0-9][^/]*\.jar$"; }

# The marker that lets is_running recognise our JVMs (see above).
devlogs_marker() { echo "-Ddevlogs.home=$DEVLOGS_HOME"; }

# --- Debian packages ------------------------------------------------------------------------

# apt_install <package...>: installs the packages, running apt-get update only when the
# package lists do not know one of them yet.
apt_install() {
  local pkg needs_update=false
  for pkg in "$@"; do
    grep -q 'Candidate: [0-9]' <<<"$(apt-cache policy "$pkg" 2>/dev/null)" || needs_update=true
  done
  if $needs_update; then
    apt-get update -q >>"$LOG_DIR/install.log" 2>&1 || die "apt-get update failed; see $LOG_DIR/install.log"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >>"$LOG_DIR/install.log" 2>&1 ||
    die "apt-get install $* failed; see $LOG_DIR/install.log"
}

# redis_install: Debian's redis-server, which the tests of the shared result cache
# (query.cache=redis) start on a port of their own.
redis_install() {
  command -v redis-server >/dev/null && return 0
  step redis "installing Debian package redis-server"
  apt_install redis-server
}
