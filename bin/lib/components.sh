# The components of the local stack and their ports: the one table that bin/devlogs, the
# configuration templates it renders (stack/*, flink-conf/config.yaml: @NAME@ placeholders) and
# `status` read. Infrastructure starts top to bottom and `down` stops bottom to top. Each name maps
# to <name>_start, <name>_healthy and <name>_stop functions (dashes become underscores).
# oidc-provider serves people.oidc.issuer, whose port in the settings is this one (a test checks).
# METRICS_PORT is where a Flink process serves its Prometheus metrics; prometheus (started only by
# `up --prometheus`) scrapes those and the services' own ports (stack/prometheus/prometheus.yml).
#
#  name              kind   port   further ports, as their templates name them
COMPONENT_TABLE=(
  "postgres          infra  15432  -"
  "clickhouse        infra  18123  NATIVE_PORT=19000"
  "kafka             infra  19092  CONTROLLER_PORT=19093"
  "cassandra         infra  19042  STORAGE_PORT=17000 JMX_PORT=17199"
  "zookeeper         infra  12181  -"
  "flink-jobmanager  infra  18081  RPC_PORT=16123 BLOB_PORT=16124 METRICS_PORT=16127"
  "flink-taskmanager infra  16125  DATA_PORT=16126 METRICS_PORT=16128"
  "ingest            app    18080  -"
  "query             app    18090  -"
  "oidc-provider     app    18095  -"
  "generator         app    -      -"
  "prometheus        app    19090  -"
)

INFRA=()
APPS=()
declare -A PORT=()
declare -A FURTHER_PORT=()
for component_row in "${COMPONENT_TABLE[@]}"; do
  read -r component_name component_kind component_port component_further <<<"$component_row"
  if [[ $component_kind == infra ]]; then INFRA+=("$component_name"); else APPS+=("$component_name"); fi
  PORT[$component_name]=$component_port
  for component_pair in $component_further; do
    [[ $component_pair == - ]] || FURTHER_PORT[$component_name.${component_pair%%=*}]=${component_pair#*=}
  done
done
unset component_row component_name component_kind component_port component_further component_pair

# port_of <component> [NAME]: its port, or the further port of that name.
port_of() {
  if [[ -n ${2:-} ]]; then echo "${FURTHER_PORT[$1.$2]}"; else echo "${PORT[$1]}"; fi
}
