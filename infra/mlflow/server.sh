#!/usr/bin/env bash
# Local MLflow tracking server for sslbench: SQLite backend store, artifacts served (proxied) by
# the server itself so that clients only ever need HTTP.
#
# Usage: infra/mlflow/server.sh {start|stop|status|url}
#
# Environment:
#   SSLBENCH_HOME          state directory (default: <repo>/.sslbench)
#   MLFLOW_VENV            the server's Python venv (default: $SSLBENCH_HOME/mlflow-venv); point
#                          several SSLBENCH_HOMEs at one venv to install it once
#   MLFLOW_PORT            port on 127.0.0.1 (default: 5005)
#   MLFLOW_WORKERS         gunicorn workers (default: 2)
#   MLFLOW_START_TIMEOUT   seconds to wait for /health (default: 180)
#   PYTHON                 interpreter used to create the venv (default: python3)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
SSLBENCH_HOME="${SSLBENCH_HOME:-$REPO_ROOT/.sslbench}"
PORT="${MLFLOW_PORT:-5005}"
WORKERS="${MLFLOW_WORKERS:-2}"
START_TIMEOUT="${MLFLOW_START_TIMEOUT:-180}"
PYTHON="${PYTHON:-python3}"
REQUIREMENTS="$SCRIPT_DIR/requirements.txt"

VENV="${MLFLOW_VENV:-$SSLBENCH_HOME/mlflow-venv}"
STATE="$SSLBENCH_HOME/mlflow"
PID_FILE="$STATE/server.pid"
URL_FILE="$STATE/server.url"
LOG_FILE="$STATE/server.log"
LOCK_FILE="$STATE/server.lock"

die() { echo "mlflow-server: $*" >&2; exit 1; }
info() { echo "mlflow-server: $*" >&2; }

# The pid file holds the process-group id: the server runs in its own session, so one signal to
# the group reaches the CLI process and every gunicorn worker it spawned.
running_pgid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pgid
  pgid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ "$pgid" =~ ^[0-9]+$ ]] || return 1
  kill -0 -- "-$pgid" 2>/dev/null || return 1
  echo "$pgid"
}

current_url() {
  if [[ -f "$URL_FILE" ]]; then cat "$URL_FILE"; else echo "http://127.0.0.1:$PORT"; fi
}

# The log of the latest start only (the file keeps earlier ones).
log_tail() {
  local from
  from="$(grep -n '^=== ' "$LOG_FILE" 2>/dev/null | tail -n 1 | cut -d: -f1)"
  sed -n "${from:-1},\$p" "$LOG_FILE" 2>/dev/null | tail -n 40 >&2 || true
}

port_busy() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

healthy() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsS --max-time 3 "$1/health" >/dev/null 2>&1
  elif [[ -x "$VENV/bin/python" ]]; then
    "$VENV/bin/python" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=3)' \
      "$1/health" >/dev/null 2>&1
  else
    return 1
  fi
}

venv_current() {
  local want have
  want="$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)"
  have="$(cat "$VENV/.sslbench-requirements.sha256" 2>/dev/null || true)"
  [[ -x "$VENV/bin/mlflow" && "$want" == "$have" ]]
}

# Recreated when requirements.txt changes, so the pinned set is the only one that ever runs. The
# venv may be shared by several state directories, hence its own lock.
ensure_venv() {
  venv_current && return 0
  mkdir -p "$(dirname "$VENV")"
  exec 8> "$VENV.lock"
  flock 8
  if venv_current; then
    exec 8>&-
    return 0
  fi
  command -v "$PYTHON" >/dev/null 2>&1 || die "no Python interpreter '$PYTHON' on PATH (set PYTHON=...)"
  "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
    || die "$PYTHON is older than 3.11, which the pinned requirements.txt needs"
  info "creating venv $VENV ($(grep -m1 '^mlflow==' "$REQUIREMENTS"), a minute or two)"
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV" || die "could not create venv at $VENV (is the python venv module installed?)"
  "$VENV/bin/python" -m pip install --quiet -r "$REQUIREMENTS" >&2 \
    || die "pip install -r $REQUIREMENTS failed"
  sha256sum "$REQUIREMENTS" | cut -d' ' -f1 > "$VENV/.sslbench-requirements.sha256"
  exec 8>&-
}

wait_healthy() {
  local url="$1" pgid="$2" deadline=$((SECONDS + START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if healthy "$url"; then return 0; fi
    if ! kill -0 -- "-$pgid" 2>/dev/null; then
      info "server exited during start-up; last lines of $LOG_FILE:"
      log_tail
      rm -f "$PID_FILE" "$URL_FILE"
      exit 1
    fi
    sleep 0.5
  done
  info "no answer from $url/health after ${START_TIMEOUT}s; last lines of $LOG_FILE:"
  log_tail
  stop_group "$pgid"
  exit 1
}

stop_group() {
  local pgid="$1"
  kill -TERM -- "-$pgid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 -- "-$pgid" 2>/dev/null || { rm -f "$PID_FILE" "$URL_FILE"; return 0; }
    sleep 0.5
  done
  info "server did not stop within 30s after TERM; sending KILL"
  kill -KILL -- "-$pgid" 2>/dev/null || true
  rm -f "$PID_FILE" "$URL_FILE"
}

cmd_start() {
  local pgid url
  if pgid="$(running_pgid)"; then
    url="$(current_url)"
    wait_healthy "$url" "$pgid"
    echo "$url"
    return 0
  fi
  rm -f "$PID_FILE" "$URL_FILE"
  ensure_venv
  mkdir -p "$STATE/artifacts"
  url="http://127.0.0.1:$PORT"
  if port_busy "$PORT"; then
    die "port $PORT on 127.0.0.1 is already in use (not by the server of $SSLBENCH_HOME); choose another with MLFLOW_PORT=..."
  fi
  echo "=== $(date -u +%Y-%m-%dT%H:%M:%SZ) start on $url" >> "$LOG_FILE"
  # setsid: own session and process group (see running_pgid); all fds detached so that a caller
  # reading this script's output is not held open by the long-running server.
  setsid "$VENV/bin/mlflow" server \
    --host 127.0.0.1 --port "$PORT" --workers "$WORKERS" \
    --backend-store-uri "sqlite:///$STATE/mlflow.db" \
    --serve-artifacts --artifacts-destination "$STATE/artifacts" \
    --gunicorn-opts "--timeout 300 --graceful-timeout 10" \
    < /dev/null >> "$LOG_FILE" 2>&1 8>&- 9>&- &
  pgid=$!
  echo "$pgid" > "$PID_FILE"
  echo "$url" > "$URL_FILE"
  wait_healthy "$url" "$pgid"
  echo "$url"
}

cmd_stop() {
  local pgid
  if pgid="$(running_pgid)"; then
    stop_group "$pgid"
    info "stopped"
  else
    rm -f "$PID_FILE" "$URL_FILE"
    info "not running"
  fi
}

cmd_status() {
  local pgid url
  if pgid="$(running_pgid)"; then
    url="$(current_url)"
    if healthy "$url"; then
      echo "running at $url (process group $pgid)"
      return 0
    fi
    echo "starting or unhealthy: process group $pgid, no answer from $url/health"
    return 1
  fi
  echo "not running"
  return 3
}

main() {
  local cmd="${1:-}"
  case "$cmd" in
    start|stop|status|url) ;;
    *) echo "usage: $0 {start|stop|status|url}" >&2; exit 2 ;;
  esac
  mkdir -p "$STATE"
  if [[ "$cmd" == start || "$cmd" == stop ]]; then
    # One start/stop at a time per SSLBENCH_HOME: concurrent callers would race on the pid file.
    exec 9> "$LOCK_FILE"
    flock 9
  fi
  case "$cmd" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    url) current_url ;;
  esac
}

main "$@"
