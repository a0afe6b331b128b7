#!/bin/sh
# Builds the images the tests run, from Debian's busybox-static, since no
# registry is reachable: a root filesystem tarball fed to `docker import`.
#   skiff-test/busybox:1  a shell and the busybox applets (CMD /bin/sh)
#   skiff-test/pause:1    the pod sandbox: sleeps until SIGTERM/SIGINT, then exits 0
# Idempotent: an image is rebuilt only when its recipe or busybox changed.
#
# usage: sh test/images/build.sh [docker-host-socket]
set -eu

if [ $# -gt 0 ]; then export DOCKER_HOST="unix://$1"; fi
busybox=/bin/busybox
[ -x "$busybox" ] || { echo "test/images: $busybox missing (install busybox-static)" >&2; exit 1; }

recipe_version=1
fingerprint=$( (sha256sum "$busybox"; echo "$recipe_version"; cat "$0") | sha256sum | cut -c1-16)

rootfs_tar() {
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' EXIT
  mkdir -p "$dir/bin" "$dir/etc" "$dir/tmp" "$dir/proc" "$dir/sys" "$dir/dev" "$dir/root" "$dir/var/run"
  chmod 1777 "$dir/tmp"
  cp "$busybox" "$dir/bin/busybox"
  for applet in $("$busybox" --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$dir/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$dir/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$dir/etc/group"
  tar -C "$dir" -c .
}

build() {
  tag=$1
  shift
  # A missing image has no fingerprint: it is built.
  if current=$(docker image inspect -f '{{ index .Config.Labels "skiff.dev/fingerprint" }}' "$tag" 2>/dev/null) &&
    [ "$current" = "$fingerprint" ]; then
    return 0
  fi
  echo "test/images: building $tag" >&2
  rootfs_tar | docker import --change "LABEL skiff.dev/fingerprint=$fingerprint" "$@" - "$tag" >/dev/null
}

build skiff-test/busybox:1 --change 'ENV PATH=/bin' --change 'CMD ["/bin/sh"]'
# The sandbox holds the pod's namespaces. As PID 1, sh ignores signals it has
# no trap for, so the trap is what lets `docker stop` end it at once.
build skiff-test/pause:1 --change 'ENV PATH=/bin' \
  --change 'ENTRYPOINT ["/bin/sh", "-c", "trap \"exit 0\" TERM INT; while :; do sleep 3600 & wait $!; done"]'
# A second tag of the same image, for rollouts from one tag to another.
docker tag skiff-test/busybox:1 skiff-test/busybox:2
