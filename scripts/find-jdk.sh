# Finds a JDK 21 or newer and exports JAVA_HOME. Sourced by ./mvnw and ./run (POSIX sh).
#
# Looks, in this order, at: $JAVA_HOME, the JDK of the `javac` on PATH, then every
# /usr/lib/jvm/* and /opt/java/* (the newest version first). A JDK counts when it has
# bin/java and bin/javac and reports a feature version of at least REQUIRED_JAVA (21).
# When none qualifies it prints what it looked at and exits with status 1.

REQUIRED_JAVA="${REQUIRED_JAVA:-21}"

# Prints the feature version (17, 21, 25, ...) of the JDK at $1, or nothing.
jdk_feature_version() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -r "$1/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release")
  else
    v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
  fi
  [ "$v" = 1 ] && v=8
  printf '%s' "$v"
}

find_jdk() {
  looked=""
  candidates=""
  [ -n "${JAVA_HOME-}" ] && candidates="$JAVA_HOME"
  if command -v javac >/dev/null 2>&1; then
    javac_home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    candidates="$candidates
$javac_home"
  fi
  # Newest first: sort the directories by the version they report. The caller may have
  # turned globbing off (mvnw runs with set -f): turn it on for this loop only.
  case $- in *f*) set +f; restore_noglob=1 ;; *) restore_noglob= ;; esac
  for dir in /usr/lib/jvm/* /opt/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$dir" ] || continue
    v=$(jdk_feature_version "$dir")
    [ -n "$v" ] && candidates="$candidates
$v $dir"
  done
  [ -n "$restore_noglob" ] && set -f
  sorted=$(printf '%s\n' "$candidates" | awk 'NF==1 {print "999 " $0; next} NF>1 {print}' \
    | sort -s -k1,1nr | cut -d' ' -f2-)
  old_ifs=$IFS
  IFS='
'
  for dir in $sorted; do
    [ -n "$dir" ] || continue
    v=$(jdk_feature_version "$dir")
    looked="$looked
  $dir (${v:-not a JDK})"
    if [ -n "$v" ] && [ "$v" -ge "$REQUIRED_JAVA" ]; then
      IFS=$old_ifs
      JAVA_HOME="$dir"
      export JAVA_HOME
      return 0
    fi
  done
  IFS=$old_ifs
  {
    echo "error: this project needs a JDK $REQUIRED_JAVA or newer, and none was found."
    echo "Looked at JAVA_HOME, the javac on PATH, /usr/lib/jvm/* and /opt/java/*:${looked:-
  (nothing there)}"
    echo "Install one (for example Eclipse Temurin 21 or 25, or your distribution's openjdk-21-jdk),"
    echo "or set JAVA_HOME to its directory."
  } >&2
  return 1
}

find_jdk || exit 1
