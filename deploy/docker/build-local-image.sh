#!/usr/bin/env bash
# Builds confcom:dev (and the attestation sample, confcom-attestation-sample:dev) on a machine with a Docker engine
# and NO image registry. Run from anywhere:
#   deploy/docker/build-local-image.sh
# deploy/docker/Dockerfile is the standard build from Microsoft's registry images; this script produces the same
# image (same publish step, same user, entrypoint and environment) without pulling anything:
#   1. the app is published on this machine by deploy/docker/publish.sh (JIT, or NativeAOT when the CLI project
#      sets PublishAot: the same switch as the Dockerfile);
#   2. a base root filesystem is unpacked from Debian packages (apt-get download + dpkg -x; no maintainer scripts
#      run, nothing is installed on this machine): exactly the libraries a self-contained or AOT .NET binary loads;
#   3. base + app are imported as a one-layer image (docker import); the sample adds a static busybox for attest.sh.
# Needs: dotnet, docker (DOCKER_HOST honoured), apt-get with package lists (run 'apt-get update' once), dpkg-deb.
# Environment: CONFCOM_IMAGE (default confcom:dev), CONFCOM_SAMPLE_IMAGE (default confcom-attestation-sample:dev),
#              CONFCOM_IMAGE_WORK (default artifacts/image: published app, downloaded .debs, root filesystems).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
image="${CONFCOM_IMAGE:-confcom:dev}"
sample_image="${CONFCOM_SAMPLE_IMAGE:-confcom-attestation-sample:dev}"
work="${CONFCOM_IMAGE_WORK:-$repo/artifacts/image}"

fail() { echo "build-local-image: $*" >&2; exit 1; }
for tool in dotnet docker apt-get dpkg-deb tar; do
  command -v "$tool" >/dev/null 2>&1 || fail "'$tool' is not on PATH"
done
docker info >/dev/null 2>&1 || fail "cannot reach the Docker engine (DOCKER_HOST=${DOCKER_HOST:-unset}); start dockerd first"

# What a self-contained .NET 10 app or a NativeAOT binary needs from the OS: glibc, libgcc_s and libstdc++ (the
# runtime's native parts), OpenSSL 3 (System.Security.Cryptography, Kestrel TLS), zlib, and the CA bundle (HTTPS to
# a PCS/PCCS). No ICU: the projects build with InvariantGlobalization.
base_packages=(libc6 libgcc-s1 libstdc++6 libssl3 zlib1g ca-certificates)
sample_packages=(busybox-static)

mkdir -p "$work/debs"
# One build at a time per work folder (two would unpack into the same root filesystems).
exec 9>"$work/.lock"
flock 9
start=$(date +%s)

echo "build-local-image: [1/4] publishing the app"
mode=$("$repo/deploy/docker/publish.sh" "$work/app")

echo "build-local-image: [2/4] downloading ${base_packages[*]} ${sample_packages[*]}"
# (apt's sandbox user cannot write into a root-owned work folder; the download then runs as root, which is fine.)
( cd "$work/debs" && apt-get -o APT::Sandbox::User=root download "${base_packages[@]}" "${sample_packages[@]}" >/dev/null ) \
  || fail "apt-get download failed; run 'apt-get update' first (the package lists are needed)"

unpack() {  # unpack ROOTFS PACKAGE...: each package into a staging folder, merged into ROOTFS with Debian's /usr layout
  local rootfs="$1"; shift
  local staging
  staging=$(mktemp -d "$work/staging.XXXXXX")
  for package in "$@"; do
    local deb
    deb=$(ls -t "$work/debs/${package}"_*.deb 2>/dev/null | head -n 1)
    [ -n "$deb" ] || fail "no .deb for $package in $work/debs"
    dpkg-deb -x "$deb" "$staging"
  done
  # Merged /usr (as Debian 12 itself): /bin, /sbin, /lib, /lib64 are links into /usr; the dynamic loader stays
  # reachable as /lib64/ld-linux-x86-64.so.2.
  mkdir -p "$rootfs/usr"
  for dir in bin sbin lib lib64; do
    if [ -d "$staging/$dir" ] && [ ! -L "$staging/$dir" ]; then
      mkdir -p "$staging/usr/$dir" && cp -a "$staging/$dir/." "$staging/usr/$dir/" && rm -rf "${staging:?}/$dir"
    fi
    mkdir -p "$rootfs/usr/$dir"
    [ -e "$rootfs/$dir" ] || ln -s "usr/$dir" "$rootfs/$dir"
  done
  cp -a "$staging/usr/." "$rootfs/usr/"
  rm -rf "$staging/usr"
  cp -a "$staging/." "$rootfs/"
  rm -rf "$staging"
}

echo "build-local-image: [3/4] assembling the root filesystems"
base="$work/rootfs-base"
rm -rf "$base" && mkdir -p "$base"
unpack "$base" "${base_packages[@]}"
# ca-certificates ships the certificates; its maintainer script would build the bundle OpenSSL reads.
mkdir -p "$base/etc/ssl/certs"
find "$base/usr/share/ca-certificates" -name '*.crt' -print0 | sort -z | xargs -0 cat > "$base/etc/ssl/certs/ca-certificates.crt"
rm -rf "$base/usr/share/doc" "$base/usr/share/man" "$base/usr/share/info" "$base/usr/share/lintian" "$base/usr/share/locale"
mkdir -p "$base/etc" "$base/tmp" "$base/var/run" "$base/var/lib" "$base/app"
chmod 1777 "$base/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' > "$base/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' > "$base/etc/group"
printf 'hosts: files dns\n' > "$base/etc/nsswitch.conf"
cp -a "$work/app/." "$base/app/"

sample="$work/rootfs-sample"
rm -rf "$sample" && cp -a "$base" "$sample"
unpack "$sample" "${sample_packages[@]}"
for applet in sh head od tr cat echo; do ln -sf /usr/bin/busybox "$sample/usr/bin/$applet"; done
install -m 0755 "$repo/samples/attestation-job/attest.sh" "$sample/app/attest.sh"

echo "build-local-image: [4/4] importing $image and $sample_image"
# The same configuration as deploy/docker/Dockerfile's final stage.
common=(
  --change 'ENV PATH=/app:/usr/bin:/bin'
  --change 'ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1'
  --change 'ENV DOTNET_EnableDiagnostics=0'
  --change 'WORKDIR /app'
  --change 'USER 65532:65532'
  --change "LABEL org.opencontainers.image.title=confcom org.opencontainers.image.description=confcom-$mode"
)
tar -C "$base" --numeric-owner --owner=0 --group=0 -cf - . \
  | docker import "${common[@]}" --change 'ENTRYPOINT ["/app/confcom"]' - "$image" >/dev/null
tar -C "$sample" --numeric-owner --owner=0 --group=0 -cf - . \
  | docker import "${common[@]}" --change 'ENTRYPOINT ["/app/attest.sh"]' - "$sample_image" >/dev/null

docker image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E "^(${image}|${sample_image}) " || true
echo "build-local-image: built $image and $sample_image ($mode) in $(( $(date +%s) - start )) s"
