#!/usr/bin/env bash
# Runs the Python client against a one-node network on loopback: status, then 20 blocks that must all be
# finalized. Needs Debian's python3-grpcio and python3-grpc-tools (what .ci/run installs) and a built ./lux.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PYTHON=/usr/bin/python3
[ -x "$PYTHON" ] || PYTHON=python3
dir=$(mktemp -d)
node_pid=""
cleanup() { [ -n "$node_pid" ] && kill "$node_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT

"$ROOT/lux" testnet --nodes 1 --dir "$dir" >/dev/null
"$ROOT/lux" node --dir "$dir/node-0" >"$dir/node.log" 2>&1 &
node_pid=$!
for _ in $(seq 1 100); do
  if "$PYTHON" "$ROOT/examples/python/lux_client.py" "$dir/node-0" status >/dev/null 2>&1; then break; fi
  sleep 0.2
done
"$PYTHON" "$ROOT/examples/python/lux_client.py" "$dir/node-0" status
out=$("$PYTHON" "$ROOT/examples/python/lux_client.py" "$dir/node-0" add 20)
echo "$out"
[ "$out" = "added 20 blocks: 20 finalized, 0 rejected" ] || { echo "python client: unexpected result" >&2; cat "$dir/node.log" >&2; exit 1; }
