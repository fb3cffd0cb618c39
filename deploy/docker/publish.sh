#!/usr/bin/env bash
# Publishes the confcom executable for linux-x64 into OUT_DIR. The one place that decides JIT or NativeAOT, used by
# both deploy/docker/Dockerfile and deploy/docker/build-local-image.sh so that the two images hold the same build.
#   deploy/docker/publish.sh OUT_DIR
# The switch is the CLI project itself: when src/Confcom.Cli/Confcom.Cli.csproj sets <PublishAot>true</PublishAot>,
# the native AOT build is published (one file, no runtime); otherwise a self-contained JIT build (no runtime
# needed in the image either, so both variants run on the same Debian-package base).
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:?usage: deploy/docker/publish.sh OUT_DIR}"
project=src/Confcom.Cli/Confcom.Cli.csproj

if grep -Eq '<PublishAot>[[:space:]]*true[[:space:]]*</PublishAot>' "$project"; then
  mode=aot
  extra=()
else
  mode=jit
  # Self-contained: the image carries no shared .NET runtime; ReadyToRun would double the size for a few
  # hundred milliseconds of start-up, so it stays off.
  extra=(--self-contained true -p:PublishSingleFile=false)
fi
echo "publish: $mode build of $project -> $out" >&2
rm -rf "$out"
dotnet publish "$project" -c Release -r linux-x64 -o "$out" --nologo -v quiet "${extra[@]}" >&2
# Symbols are not needed at run time (and are half the AOT output).
find "$out" -name '*.pdb' -delete -o -name '*.dbg' -delete
test -x "$out/confcom" || { echo "publish: $out/confcom was not produced" >&2; exit 1; }
echo "$mode"
