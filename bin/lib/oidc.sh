# The local OpenID Connect provider (component oidc-provider): panva's oidc-provider from the
# dashboard's npm packages (web/node_modules, installed by the build), run by the script the tests
# use (web/browser-tests/support/oidc-provider.mjs), so the dashboard's "Sign in with single
# sign-on" works on the local stack with the demo accounts of stack/oidc-provider/accounts.json.
# Its options come from the query service's people.oidc.* settings (io.devlogs.ops.oidc): it
# serves people.oidc.issuer on that URL's port. Options in .devlogs/conf (they hold the client
# secret), its signing key in .devlogs/data/oidc-provider (kept across restarts).

OIDC_PROVIDER_SCRIPT="$REPO_ROOT/web/browser-tests/support/oidc-provider.mjs"
OIDC_PROVIDER_OPTIONS="$CONF_DIR/oidc-provider.json"
OIDC_DEMO_ACCOUNTS="$STACK_DIR/oidc-provider/accounts.json"

# The issuer the running provider serves, from the options it was started with.
oidc_provider_issuer() {
  [[ -s $OIDC_PROVIDER_OPTIONS ]] && sed -n 's/^ *"issuer" *: *"\([^"]*\)".*/\1/p' "$OIDC_PROVIDER_OPTIONS"
}

oidc_provider_healthy() {
  local issuer
  issuer=$(oidc_provider_issuer) && [[ -n $issuer ]] && http_ok "$issuer/.well-known/openid-configuration"
}

# Skips with a message (not an error: single sign-on is optional) when the build or Node is
# missing, or when people.oidc.issuer is off or names a provider of your own.
app_start_oidc_provider() {
  if is_running oidc-provider; then
    step oidc-provider "already running (pid $(read_pid oidc-provider))"
    return 0
  fi
  skip_unless_built oidc-provider ops io.devlogs.ops.oidc.LocalOidcProviderCommand || return 0
  if [[ ! -d $REPO_ROOT/web/node_modules/oidc-provider ]] || ! command -v node >/dev/null; then
    step oidc-provider "skipped: node or web/node_modules/oidc-provider is missing (the build installs it)"
    return 0
  fi
  mkdir -p "$DATA_DIR/oidc-provider"
  local issuer
  if ! issuer=$(run_main ops io.devlogs.ops.oidc.LocalOidcProviderCommand "$OIDC_DEMO_ACCOUNTS" \
    "$OIDC_PROVIDER_OPTIONS" "$DATA_DIR/oidc-provider/signing-key.json" 2>>"$LOG_DIR/oidc-provider.log"); then
    step oidc-provider "skipped: $(tail -n 1 "$LOG_DIR/oidc-provider.log" | sed 's/^devlogs: error: oidc-provider: //')"
    return 0
  fi
  spawn oidc-provider node "$OIDC_PROVIDER_SCRIPT" "$OIDC_PROVIDER_OPTIONS"
  wait_ready oidc-provider 60 oidc_provider_healthy
  step oidc-provider "ready (pid $(read_pid oidc-provider)) $issuer, demo accounts in $OIDC_DEMO_ACCOUNTS"
}

# The organisations people.oidc.role-mapping names, made once over the demo project (the operator
# creates them; a name that exists already is left as it is), so a demo account can sign in.
app_create_sso_organisations() {
  local operator_key project_id owner_email organisation answer status
  operator_key=$(demo_setting DEVLOGS_OPERATOR_KEY) || true
  project_id=$(demo_setting DEVLOGS_PROJECT_ID) || true
  if [[ -z ${DEVLOGS_PEOPLE_OIDC_ROLE_MAPPING:-} || -z $operator_key || -z $project_id ]] || ! is_running query; then
    return 0
  fi
  owner_email=$(sed -n 's/^ *"email" *: *"\([^"]*\)".*/\1/p' "$OIDC_DEMO_ACCOUNTS" | head -n 1)
  while IFS= read -r organisation; do
    answer=$(curl -sS --max-time 10 -w '\n%{http_code}' -X POST "$QUERY_URL/v1/operator/organisations" \
      -H "Authorization: Bearer $operator_key" -H 'Content-Type: application/json' \
      --data "{\"name\":\"$organisation\",\"ownerEmail\":\"$owner_email\",\"projectIds\":[\"$project_id\"]}" 2>&1) || true
    status=${answer##*$'\n'}
    echo "$(date -u +%FT%TZ) organisation $organisation: $answer" >>"$LOG_DIR/demo.log"
    case $status in
      201) step sso "organisation $organisation created over the demo project (owner invitation for $owner_email in $LOG_DIR/demo.log)" ;;
      409) step sso "organisation $organisation not created: $(sed -n 's/.*"message" *: *"\([^"]*\)".*/\1/p' <<<"$answer" | head -n 1)" ;;
      *) warn "creating organisation $organisation answered ${status:-nothing}; see $LOG_DIR/demo.log" ;;
    esac
  done < <(sso_mapped_organisations "$DEVLOGS_PEOPLE_OIDC_ROLE_MAPPING")
}

# sso_mapped_organisations <role mapping>: each organisation it names, once.
sso_mapped_organisations() {
  tr ',' '\n' <<<"$1" | sed -n 's/^[^=]*=\(.*\):[^:]*$/\1/p' | sed 's/^ *//; s/ *$//' | sort -u
}
