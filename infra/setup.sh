#!/usr/bin/env bash
# Installs what sslbench needs on a fresh Debian machine: JDK 17, Maven, the Fashion-MNIST dataset package and
# Python venv support. Idempotent: a machine that has everything is left alone. MLflow itself is installed into
# a venv by infra/mlflow/server.sh on first start.
set -euo pipefail

DATASET_DIR="${SSLBENCH_FASHION_MNIST:-/usr/share/datasets/fashion-mnist}"
need=()
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || need+=(maven)
command -v python3 >/dev/null 2>&1 || need+=(python3 python3-venv)
[[ -f "$DATASET_DIR/train-images-idx3-ubyte.gz" ]] || need+=(dataset-fashion-mnist)

if ((${#need[@]} == 0)); then
  exit 0
fi
echo "[sslbench] installing: ${need[*]}" >&2
if [[ "$(id -u)" == 0 ]]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "[sslbench] missing packages (${need[*]}); install them with: apt-get install ${need[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2
$SUDO apt-get install -y -qq "${need[@]}" >&2
