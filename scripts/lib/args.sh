# Argument checks the scripts share (sourced, POSIX sh). Each script's usage is its header
# comment: the lines after the first that start with '#'.
#
#   . "$(dirname "$0")/lib/args.sh"
#   answer_help "$@"                     --help or -h anywhere: the usage, exit 0, nothing else done
#   refuse_options "accepted" "$@"       an argument starting with '-': exit 2 naming it
#   require_number NAME VALUE [MIN]      VALUE must be a whole number (at least MIN): else exit 2

script_usage() {
  awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"
}

answer_help() {
  for arg in "$@"; do
    case "$arg" in
      -h | --help) script_usage; exit 0 ;;
    esac
  done
}

refuse_options() {
  accepted=$1
  shift
  for arg in "$@"; do
    case "$arg" in
      -*) echo "error: unknown option '$arg'; accepted: $accepted; see $0 --help" >&2; exit 2 ;;
    esac
  done
}

require_number() {
  case "$2" in
    '' | *[!0-9]*) echo "error: $1 must be a whole number, got '$2'; see $0 --help" >&2; exit 2 ;;
  esac
  if [ -n "${3-}" ] && [ "$2" -lt "$3" ]; then
    echo "error: $1 must be at least $3, got '$2'; see $0 --help" >&2
    exit 2
  fi
}
