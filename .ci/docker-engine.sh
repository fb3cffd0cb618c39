#!/usr/bin/env bash
# Docker Engine for the container tests, started and stopped by .ci/run (root, clean machine, no registry).
#   source .ci/docker-engine.sh; docker_engine_start; ...; docker_engine_stop
# Installs Debian's docker.io when dockerd is missing, then runs one private dockerd: vfs storage (works on any
# filesystem, including overlay-on-overlay), no iptables and no bridge (the tests use --network none or the host's
# loopback), all state in a temporary folder that docker_engine_stop removes. DOCKER_HOST points at it.

docker_engine_start() {
  if ! command -v dockerd >/dev/null 2>&1; then
    echo "ci: installing Docker Engine (Debian package docker.io)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq docker.io >/dev/null
  fi
  DOCKER_ENGINE_DIR=$(mktemp -d /tmp/ci-docker.XXXXXX)
  export DOCKER_ENGINE_DIR
  dockerd --storage-driver=vfs --iptables=false --ip6tables=false --bridge=none \
    --data-root "$DOCKER_ENGINE_DIR/data" --exec-root "$DOCKER_ENGINE_DIR/exec" \
    --pidfile "$DOCKER_ENGINE_DIR/dockerd.pid" --host "unix://$DOCKER_ENGINE_DIR/docker.sock" \
    >"$DOCKER_ENGINE_DIR/dockerd.log" 2>&1 &
  DOCKER_ENGINE_PID=$!
  export DOCKER_ENGINE_PID
  export DOCKER_HOST="unix://$DOCKER_ENGINE_DIR/docker.sock"
  for _ in $(seq 1 60); do
    if docker version >/dev/null 2>&1; then
      echo "ci: dockerd $(docker version --format '{{.Server.Version}}') on $DOCKER_HOST"
      return 0
    fi
    if ! kill -0 "$DOCKER_ENGINE_PID" 2>/dev/null; then
      break
    fi
    sleep 1
  done
  echo "ci: dockerd did not come up; its log:" >&2
  tail -n 30 "$DOCKER_ENGINE_DIR/dockerd.log" >&2
  return 1
}

docker_engine_stop() {
  if [ -n "${DOCKER_ENGINE_PID:-}" ] && kill -0 "$DOCKER_ENGINE_PID" 2>/dev/null; then
    docker ps -aq 2>/dev/null | xargs -r docker rm -f >/dev/null 2>&1 || true
    kill "$DOCKER_ENGINE_PID"
    for _ in $(seq 1 30); do
      kill -0 "$DOCKER_ENGINE_PID" 2>/dev/null || break
      sleep 1
    done
    kill -9 "$DOCKER_ENGINE_PID" 2>/dev/null || true
  fi
  if [ -n "${DOCKER_ENGINE_DIR:-}" ]; then
    # vfs layers and container mounts: unmount anything left before removing the folder.
    grep -o " $DOCKER_ENGINE_DIR[^ ]*" /proc/mounts 2>/dev/null | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
    rm -rf "$DOCKER_ENGINE_DIR"
  fi
  unset DOCKER_ENGINE_PID DOCKER_ENGINE_DIR
}
