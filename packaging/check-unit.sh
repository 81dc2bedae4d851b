#!/bin/sh
# Checks the systemd unit with systemd-analyze, pointing ExecStart at the built binary so
# the check does not depend on an installed one. Usage: check-unit.sh UNIT SERVER_BINARY
set -eu
unit=$1 server=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
sed -e "s#/usr/sbin/yibao-server#$server#" -e "s#/usr/sbin/yibao-admin#$(dirname "$server")/yibao-admin#" \
  "$unit" > "$dir/yibao-server.service"
out=$(systemd-analyze verify --man=no "$dir/yibao-server.service" 2>&1 || true)
# Users and paths of the target machine do not exist here; anything else is a real problem.
problems=$(printf '%s\n' "$out" | grep -v -e '^$' -e 'User=yibao' -e 'Group=yibao' -e "ReadOnlyPaths" \
  -e 'Failed to put bus name' -e 'System has not been booted' -e 'Failed to connect to bus' -e '/etc/yibao' || true)
if [ -n "$problems" ]; then
  printf '%s\n' "$problems" >&2
  exit 1
fi
echo "unit verifies"
