# PostgreSQL 15 from the Debian package. The server refuses to run as root, so every server
# command runs as the `postgres` system user, which owns the data folder.

PG_BIN=/usr/lib/postgresql/15/bin
PG_PORT=$(port_of postgres)
PG_DATA="$DATA_DIR/postgres"
PG_SOCKET_DIR="$RUN_DIR/postgres-socket"

postgres_install() {
  [[ -x $PG_BIN/postgres ]] && return 0
  step postgres "installing Debian package postgresql"
  apt_install postgresql
}

as_postgres() { runuser -u postgres -- "$@"; }

postgres_init() {
  [[ -s $PG_DATA/PG_VERSION ]] && return 0
  mkdir -p "$PG_DATA"
  chown postgres: "$PG_DATA"
  chmod 700 "$PG_DATA"
  as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >>"$LOG_DIR/postgres.log" 2>&1 ||
    die "initdb failed; see $LOG_DIR/postgres.log"
}

postgres_start() {
  postgres_install
  postgres_init
  mkdir -p "$PG_SOCKET_DIR"
  touch "$LOG_DIR/postgres.log"
  chown postgres: "$PG_SOCKET_DIR" "$LOG_DIR/postgres.log"
  # max_prepared_transactions: the job writes alert_history through the JDBC connector's
  # exactly-once XA sink, whose transactions are prepared (two-phase commit) at each checkpoint.
  as_postgres "$PG_BIN/pg_ctl" start -D "$PG_DATA" -l "$LOG_DIR/postgres.log" -s \
    -o "-p $PG_PORT -h 127.0.0.1 -k $PG_SOCKET_DIR -c max_prepared_transactions=64" || die "pg_ctl start failed; see $LOG_DIR/postgres.log"
  # The first line of postmaster.pid is the server's pid.
  write_pid postgres "$(head -1 "$PG_DATA/postmaster.pid")"
  wait_ready postgres 60 postgres_healthy
  postgres_create_database
}

postgres_healthy() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; }

# psql as the superuser, over the unix socket (trusted locally).
postgres_admin_sql() {
  as_postgres "$PG_BIN/psql" -q -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$PG_PORT" \
    -U postgres -d postgres -tA "$@"
}

postgres_create_database() {
  if [[ -z $(postgres_admin_sql -c "SELECT 1 FROM pg_roles WHERE rolname = 'devlogs'") ]]; then
    postgres_admin_sql -c "CREATE ROLE devlogs LOGIN PASSWORD 'devlogs'"
  fi
  # Tests create roles of their own (a job configured with another user and password).
  postgres_admin_sql -c "ALTER ROLE devlogs CREATEROLE"
  if [[ -z $(postgres_admin_sql -c "SELECT 1 FROM pg_database WHERE datname = 'devlogs'") ]]; then
    postgres_admin_sql -c "CREATE DATABASE devlogs OWNER devlogs"
  fi
}

postgres_stop() {
  if is_running postgres; then
    as_postgres "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m fast -s -t 60 || stop_pid postgres
  fi
  remove_pid postgres
}
