#!/usr/bin/env bash
# Builds the container images of the stack, tagged :latest:
#
#   rl-autoscaler/application      web-application/target/web-application.jar  (docker/application/Dockerfile)
#   rl-autoscaler/simulate-users   simulate-users/target/simulate-users.jar    (docker/simulate-users/Dockerfile)
#   rl-autoscaler/load-balancer    load-balancer/target/load-balancer.jar      (docker/load-balancer/Dockerfile)
#   rl-autoscaler/prometheus       prometheus/prometheus.yml and rules.yml baked in (docker/prometheus/Dockerfile)
#
# Usage:
#   scripts/build-images.sh                  auto: --online when the public base images are present
#                                            locally or Docker Hub answers within 3 s, else --offline
#   scripts/build-images.sh --online         FROM the public bases (eclipse-temurin:25-jre,
#                                            prom/prometheus:v2.53.0); docker pulls them if missing
#   scripts/build-images.sh --offline        no network at all: first builds two local base images,
#                                            then the four images FROM them:
#       rl-autoscaler/jre:local              a jlinked runtime of the local JDK 21+ (scripts/find-jdk.sh)
#                                            at /opt/java/openjdk, the glibc libraries it needs (ldd),
#                                            busybox (sh, wget, ...), setpriv, DejaVu fonts for Java2D, /tmp,
#                                            /etc/passwd with root and app (10001); JAVA_HOME and PATH
#                                            as in the Temurin image
#       rl-autoscaler/prometheus-base:local  Debian's /usr/bin/prometheus and its libraries, busybox,
#                                            the web UI assets; ENTRYPOINT, CMD, WORKDIR /prometheus and
#                                            USER nobody as in prom/prometheus
#   scripts/build-images.sh --offline --rebuild-base
#                                            rebuild the local base images even when they exist (do it
#                                            after a JDK upgrade or when the jars need new JDK modules)
#   scripts/build-images.sh --help
#
# The jars are built first (./mvnw -q -B -DskipTests package) when one is missing or a source
# file, resource or pom.xml is newer than it. The build context is the repository root; the root
# .dockerignore sends only the three jars, prometheus/prometheus.yml, prometheus/rules.yml and the
# autoscaler's entrypoint.sh.
#
# Environment: DOCKER (the docker client; default /usr/bin/docker when it exists, which matches the
# 20.10 engine here, else `docker` on PATH), DOCKER_BUILDKIT (default 0: the classic builder, which
# uses local base images without looking at a registry; --pull is never passed).
# Offline needs on the build machine: a JDK 21+ with jlink (a JDK without jmods works from 24 on,
# JEP 493), /bin/busybox (Debian: busybox-static), /usr/bin/prometheus (Debian: prometheus), the
# DejaVu fonts (Debian: fonts-dejavu-core; installed with apt-get when missing and run as root).
# Exits non-zero, with a message naming the step, on any failure.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)

if [ -z "${DOCKER:-}" ]; then
  if [ -x /usr/bin/docker ]; then DOCKER=/usr/bin/docker; else DOCKER=docker; fi
fi
export DOCKER_BUILDKIT="${DOCKER_BUILDKIT:-0}"

JRE_BASE=rl-autoscaler/jre:local
PROM_BASE=rl-autoscaler/prometheus-base:local
ONLINE_JRE_BASE=eclipse-temurin:25-jre
ONLINE_PROM_BASE=prom/prometheus:v2.53.0
SERVICES="application simulate-users load-balancer"
# The version of what $JRE_BASE holds, as a label: a base built by an older version of this script
# is rebuilt without --rebuild-base. 2: util-linux's setpriv added.
LAYOUT_LABEL=org.rl-autoscaler.base-layout
JRE_LAYOUT=2

mode=auto
rebuild_base=false
step="starting"

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }
die() { echo "error: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --offline) mode=offline ;;
    --online) mode=online ;;
    --rebuild-base) rebuild_base=true ;;
    -h | --help) usage; exit 0 ;;
    *) echo "error: unknown argument '$1'; accepted: --offline, --online, --rebuild-base, --help" >&2; exit 2 ;;
  esac
  shift
done

workdir=""
cleanup() { [ -n "$workdir" ] && rm -rf "$workdir"; return 0; }
trap 'rc=$?; cleanup; [ $rc -ne 0 ] && echo "error: build-images.sh failed while $step (exit status $rc)" >&2' EXIT

start=$(date +%s)
log() { printf '[build-images %3ss] %s\n' "$(( $(date +%s) - start ))" "$*"; }

step="checking the Docker engine"
"$DOCKER" version --format '{{.Server.Version}}' >/dev/null 2>&1 \
  || die "the Docker engine does not answer ($DOCKER version failed); is dockerd running and /var/run/docker.sock reachable?"

have_image() { "$DOCKER" image inspect "$1" >/dev/null 2>&1; }
image_id() { "$DOCKER" image inspect --format '{{.Id}}' "$1" 2>/dev/null || true; }
# Images that a rebuild moved a tag away from: removed at the end, if nothing else uses them
# (docker rmi without -f refuses images with other tags, children or containers).
replaced=""
remember() { local id; id=$(image_id "$1"); [ -z "$id" ] || replaced="$id $replaced"; }

if [ "$mode" = auto ]; then
  step="choosing between --online and --offline"
  if have_image "$ONLINE_JRE_BASE" && have_image "$ONLINE_PROM_BASE"; then
    mode=online
  elif command -v curl >/dev/null 2>&1 \
      && code=$(curl -s -o /dev/null -m 3 -w '%{http_code}' https://registry-1.docker.io/v2/ 2>/dev/null) \
      && [ "$code" != 000 ]; then
    mode=online
  else
    mode=offline
  fi
  log "mode: $mode (auto)"
else
  log "mode: $mode"
fi

# --- 1. the jars --------------------------------------------------------------------------------
step="building the jars (./mvnw -q -B -DskipTests package)"
stale=""
for module in web-application simulate-users load-balancer; do
  jar="$module/target/$module.jar"
  if [ ! -f "$jar" ] || [ -n "$(find pom.xml common "$module" -newer "$jar" \
      \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -not -path '*/target/*' -print -quit)" ]; then
    stale="$stale $module"
  fi
done
if [ -n "$stale" ]; then
  log "building the jars (missing or stale:$stale)"
  ./mvnw -q -B -DskipTests package
  for module in web-application simulate-users load-balancer; do
    [ -f "$module/target/$module.jar" ] || die "$module/target/$module.jar was not built"
  done
else
  log "jars up to date"
fi
JARS="web-application/target/web-application.jar simulate-users/target/simulate-users.jar load-balancer/target/load-balancer.jar"

# --- 2. offline base images ---------------------------------------------------------------------

# Copies the shared libraries that the ELF files $2... need (ldd), and the dynamic loader, into the
# root file system $1 at the same paths, as regular files.
copy_libs() {
  local rootfs=$1; shift
  local f lib
  for f in "$@"; do
    ldd "$f" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}' || true
  done | sort -u | while read -r lib; do
    case "$lib" in "$rootfs"/*) continue ;; esac
    if [ ! -e "$rootfs$lib" ]; then
      mkdir -p "$rootfs$(dirname "$lib")"
      cp -L "$lib" "$rootfs$lib"
    fi
  done
  # Missing libraries are fatal, except libjvm.so, which the launcher has loaded beforehand.
  local missing
  missing=$(for f in "$@"; do ldd "$f" 2>/dev/null | awk -v f="$f" '/not found/ && $1 != "libjvm.so" {print f ": " $1}'; done)
  [ -z "$missing" ] || die "shared libraries not found on this machine:
$missing"
}

# busybox at /bin/busybox and a symlink per applet (sh, ls, cat, wget, ...) at its usual path.
add_busybox() {
  local rootfs=$1 applet
  [ -x /bin/busybox ] || die "/bin/busybox is missing (Debian: apt-get install busybox-static)"
  ! command -v file >/dev/null 2>&1 || file -L /bin/busybox | grep -q 'statically linked' \
    || die "/bin/busybox is not statically linked (Debian: apt-get install busybox-static)"
  mkdir -p "$rootfs/bin" "$rootfs/sbin" "$rootfs/usr/bin" "$rootfs/usr/sbin"
  cp /bin/busybox "$rootfs/bin/busybox"
  for applet in $(/bin/busybox --list-full); do
    [ -e "$rootfs/$applet" ] || ln -s /bin/busybox "$rootfs/$applet"
  done
}

# /etc basics: users (root, nobody, app 10001), groups, nsswitch, ld.so cache; /tmp with mode 1777.
add_etc() {
  local rootfs=$1
  mkdir -p "$rootfs/etc" "$rootfs/tmp" "$rootfs/root" "$rootfs/home/app"
  chmod 1777 "$rootfs/tmp"
  chmod 700 "$rootfs/root"
  chown 10001:10001 "$rootfs/home/app"
  cat >"$rootfs/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
app:x:10001:10001:app:/home/app:/bin/sh
EOF
  cat >"$rootfs/etc/group" <<'EOF'
root:x:0:
nogroup:x:65534:
app:x:10001:
EOF
  printf 'hosts: files dns\n' >"$rootfs/etc/nsswitch.conf"
  printf '/lib/x86_64-linux-gnu\n/usr/lib/x86_64-linux-gnu\n/lib64\n' >"$rootfs/etc/ld.so.conf"
  ldconfig -r "$rootfs" 2>/dev/null || true
}

import_rootfs() { # rootfs image --change...
  local rootfs=$1 image=$2; shift 2
  local changes=() c
  for c in "$@"; do changes+=(-c "$c"); done
  tar --numeric-owner -C "$rootfs" -cf - . | "$DOCKER" import "${changes[@]}" - "$image" >/dev/null
}

build_jre_base() {
  step="finding a JDK 21+ (scripts/find-jdk.sh)"
  # shellcheck disable=SC1091
  . ./scripts/find-jdk.sh
  [ -x "$JAVA_HOME/bin/jlink" ] && [ -x "$JAVA_HOME/bin/jdeps" ] || die "$JAVA_HOME has no jlink/jdeps"
  local rootfs="$workdir/jre" jre="$workdir/jre/opt/java/openjdk"
  mkdir -p "$rootfs/opt/java"

  step="computing the JDK modules of the jars (jdeps)"
  local deps modules compress
  deps=$("$JAVA_HOME/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 21 $JARS | tail -n 1)
  [ -n "$deps" ] || die "jdeps printed no module list"
  # Beyond what jdeps sees: TLS with EC keys, the JDK HTTP server, JMX and OS metrics (Prometheus
  # client, OSHI), sun.misc.Unsafe, Java2D for the plots, zip file systems, locales, DNS lookups.
  modules=$(printf '%s\n' "$deps,jdk.crypto.ec,jdk.httpserver,jdk.management,jdk.unsupported,java.desktop,jdk.zipfs,jdk.localedata,jdk.naming.dns,jdk.charsets" \
    | tr ',' '\n' | sort -u | paste -sd, -)
  if "$JAVA_HOME/bin/jlink" --help 2>&1 | grep -q 'zip-\['; then compress=zip-6; else compress=2; fi

  step="linking the runtime (jlink --add-modules $modules)"
  log "jlink: $modules"
  # The X11, sound and splash-screen libraries are never loaded by a headless JVM; leaving them out
  # avoids libX11 & co.
  "$JAVA_HOME/bin/jlink" --add-modules "$modules" \
    --strip-debug --no-header-files --no-man-pages --compress="$compress" \
    --include-locales=en,de,fr \
    --exclude-files='**/libawt_xawt.so,**/libjawt.so,**/libsplashscreen.so,**/libjsound.so' \
    --generate-cds-archive \
    --output "$jre" >/dev/null
  "$jre/bin/java" -version >/dev/null 2>&1 || die "the linked runtime does not start"

  step="copying the shared libraries of the runtime (ldd)"
  copy_libs "$rootfs" "$jre"/bin/* "$jre"/lib/*.so "$jre"/lib/server/*.so
  # What the native libraries inside the jars need (JNA for OSHI, JLine for the progress bars:
  # libutil.so.1), found by ldd on the linux/x86-64 ones.
  local natives="$workdir/natives" jar
  mkdir -p "$natives"
  local entries
  for jar in $JARS; do
    entries=$("$JAVA_HOME/bin/jar" tf "$jar" \
      | grep -E '(linux-x86-64|Linux/x86_64|linux-amd64|linux_64|linux64)/[^/]*\.so$' || true)
    [ -z "$entries" ] && continue
    mkdir -p "$natives/$(basename "$jar")"
    (cd "$natives/$(basename "$jar")" && "$JAVA_HOME/bin/jar" xf "$ROOT/$jar" $entries)
  done
  local sos
  sos=$(find "$natives" -name '*.so')
  [ -z "$sos" ] || copy_libs "$rootfs" $sos

  step="adding fontconfig and the DejaVu fonts"
  # XChart draws text, so Java2D needs fonts, and on Linux the JDK finds them only through
  # libfontconfig (dlopen'd, so ldd does not see it): without it, "Fontconfig head is null".
  local fontdir=/usr/share/fonts/truetype/dejavu fclib
  if [ ! -f "$fontdir/DejaVuSans.ttf" ]; then
    log "installing fonts-dejavu-core (apt-get)"
    apt-get install -y -q fonts-dejavu-core >/dev/null || die "cannot install fonts-dejavu-core (apt-get); install it by hand"
  fi
  fclib=$(ldconfig -p | awk '$1 == "libfontconfig.so.1" && /x86-64/ {print $NF; exit}')
  [ -n "$fclib" ] || die "libfontconfig.so.1 is missing on this machine (Debian: apt-get install libfontconfig1)"
  mkdir -p "$rootfs$(dirname "$fclib")"
  cp -L "$fclib" "$rootfs$fclib"
  copy_libs "$rootfs" "$fclib"
  mkdir -p "$rootfs$fontdir" "$rootfs/etc/fonts"
  cp "$fontdir"/DejaVuSans.ttf "$fontdir"/DejaVuSans-Bold.ttf "$fontdir"/DejaVuSansMono.ttf \
     "$fontdir"/DejaVuSerif.ttf "$rootfs$fontdir/"
  cat >"$rootfs/etc/fonts/fonts.conf" <<'EOF_FC'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<!-- Minimal fontconfig of rl-autoscaler/jre:local: the DejaVu fonts, DejaVu Sans as the default. -->
<fontconfig>
  <dir>/usr/share/fonts</dir>
  <cachedir>/tmp/fontconfig</cachedir>
  <alias><family>sans-serif</family><prefer><family>DejaVu Sans</family></prefer></alias>
  <alias><family>serif</family><prefer><family>DejaVu Serif</family></prefer></alias>
  <alias><family>monospace</family><prefer><family>DejaVu Sans Mono</family></prefer></alias>
</fontconfig>
EOF_FC
  add_busybox "$rootfs"
  add_etc "$rootfs"
  # util-linux's setpriv, which busybox's lacks the options of: the autoscaler's entrypoint drops
  # from root to the user app with the Docker socket's group (docker/load-balancer/entrypoint.sh).
  step="adding setpriv (util-linux)"
  [ -x /usr/bin/setpriv ] || die "/usr/bin/setpriv is missing (Debian: apt-get install util-linux)"
  cp --remove-destination /usr/bin/setpriv "$rootfs/usr/bin/setpriv"
  copy_libs "$rootfs" "$rootfs/usr/bin/setpriv"

  step="importing $JRE_BASE"
  remember "$JRE_BASE"
  import_rootfs "$rootfs" "$JRE_BASE" \
    'ENV JAVA_HOME=/opt/java/openjdk' \
    'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    'ENV LANG=C.UTF-8' \
    "LABEL $LAYOUT_LABEL=$JRE_LAYOUT" \
    'CMD ["/bin/sh"]'
  log "built $JRE_BASE"
}

build_prometheus_base() {
  local rootfs="$workdir/prometheus"
  step="assembling $PROM_BASE from /usr/bin/prometheus"
  [ -x /usr/bin/prometheus ] || die "/usr/bin/prometheus is missing (Debian: apt-get install prometheus)"
  mkdir -p "$rootfs/bin" "$rootfs/etc/prometheus" "$rootfs/prometheus" "$rootfs/usr/share"
  cp /usr/bin/prometheus "$rootfs/bin/prometheus"
  copy_libs "$rootfs" "$rootfs/bin/prometheus"
  add_busybox "$rootfs"
  add_etc "$rootfs"
  # Debian's build reads the web UI and console libraries from /usr/share/prometheus.
  [ -d /usr/share/prometheus ] && cp -a /usr/share/prometheus "$rootfs/usr/share/"
  cat >"$rootfs/etc/prometheus/prometheus.yml" <<'EOF'
# Default configuration (as in prom/prometheus): Prometheus scrapes itself.
global:
  scrape_interval: 15s
  evaluation_interval: 15s
scrape_configs:
  - job_name: prometheus
    static_configs:
      - targets: ['localhost:9090']
EOF
  chown -R 65534:65534 "$rootfs/etc/prometheus" "$rootfs/prometheus"
  step="importing $PROM_BASE"
  remember "$PROM_BASE"
  import_rootfs "$rootfs" "$PROM_BASE" \
    'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    'EXPOSE 9090' \
    'VOLUME ["/prometheus"]' \
    'WORKDIR /prometheus' \
    'USER nobody' \
    'ENTRYPOINT ["/bin/prometheus"]' \
    'CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]'
  log "built $PROM_BASE"
}

if [ "$mode" = offline ]; then
  workdir=$(mktemp -d "${TMPDIR:-/tmp}/build-images.XXXXXX")
  layout=$("$DOCKER" image inspect --format "{{index .Config.Labels \"$LAYOUT_LABEL\"}}" "$JRE_BASE" 2>/dev/null || true)
  if have_image "$JRE_BASE" && [ "$layout" != "$JRE_LAYOUT" ] && ! $rebuild_base; then
    log "rebuilding $JRE_BASE: its layout is '${layout:-1}', the Dockerfiles need $JRE_LAYOUT (setpriv)"
    rebuild_jre=true
  else
    rebuild_jre=$rebuild_base
  fi
  if $rebuild_jre || ! have_image "$JRE_BASE"; then build_jre_base; else log "reusing $JRE_BASE (--rebuild-base to rebuild)"; fi
  if $rebuild_base || ! have_image "$PROM_BASE"; then build_prometheus_base; else log "reusing $PROM_BASE (--rebuild-base to rebuild)"; fi
  jre_args=(--build-arg "BASE_IMAGE=$JRE_BASE")
  prom_args=(--build-arg "PROMETHEUS_BASE=$PROM_BASE")
else
  jre_args=()
  prom_args=()
fi

# --- 3. the four images -------------------------------------------------------------------------
build() { # image dockerfile args...
  local image=$1 dockerfile=$2; shift 2
  step="building $image ($DOCKER build -f $dockerfile $* .)"
  log "building $image"
  local out
  remember "$image"
  if ! out=$("$DOCKER" build -q -f "$dockerfile" -t "$image" "$@" . 2>&1); then
    echo "$out" >&2
    return 1
  fi
}
for service in $SERVICES; do
  build "rl-autoscaler/$service:latest" "docker/$service/Dockerfile" ${jre_args[@]+"${jre_args[@]}"}
done
build rl-autoscaler/prometheus:latest docker/prometheus/Dockerfile ${prom_args[@]+"${prom_args[@]}"}

step="removing the images the rebuild replaced"
# $replaced lists the last remembered first: the service images before their old bases.
for id in $replaced; do
  for tag in rl-autoscaler/application:latest rl-autoscaler/simulate-users:latest rl-autoscaler/load-balancer:latest \
      rl-autoscaler/prometheus:latest "$JRE_BASE" "$PROM_BASE"; do
    [ "$(image_id "$tag")" = "$id" ] && continue 2
  done
  "$DOCKER" rmi "$id" >/dev/null 2>&1 || true
done

step="listing the images"
log "done in $(( $(date +%s) - start )) s ($mode)"
images="rl-autoscaler/application:latest rl-autoscaler/simulate-users:latest rl-autoscaler/load-balancer:latest rl-autoscaler/prometheus:latest"
[ "$mode" = offline ] && images="$JRE_BASE $PROM_BASE $images"
for image in $images; do
  "$DOCKER" image inspect --format "{{.Size}}" "$image" \
    | awk -v i="$image" '{printf "  %-40s %6.1f MB\n", i, $1 / 1000 / 1000}'
done
