#!/usr/bin/env bash
# Installs what the peer benchmark needs, and nothing into the project's own venv.
#   - Debian: nginx (serves the generated site on loopback), wget (a peer tool),
#     time (/usr/bin/time, for reproducing a run by hand) — only those that are missing.
#   - npm: linkinator, into bench/.node (no global install), with the Node.js 22 it needs: linkinator 8
#     requires Node >= 22 and the machine's Debian/NodeSource node may be older; the `node` npm package
#     ships a Node binary (for this platform, from the npm registry) into bench/.node/node_modules/node/bin.
#   - PyPI: linkchecker, into its own venv bench/.venv-peers.
# Safe to run again: each step is skipped when its tool is already there at the pinned version.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LINKINATOR_VERSION="8.1.0"
NODE_VERSION="22.23.3"
LINKCHECKER_VERSION="10.6.0"
PYTHON="${PYTHON:-python3}"

missing=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v wget >/dev/null 2>&1 || missing+=(wget)
[ -x /usr/bin/time ] || missing+=(time)
if [ "${#missing[@]}" -gt 0 ]; then
    echo "setup: installing Debian packages: ${missing[*]}"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y "${missing[@]}"
fi

node_modules="$BENCH_DIR/.node/node_modules"
node_bin="$node_modules/node/bin/node"
if [ ! -f "$node_modules/linkinator/package.json" ] \
    || ! grep -q "\"version\": \"$LINKINATOR_VERSION\"" "$node_modules/linkinator/package.json" \
    || [ "$("$node_bin" --version 2>/dev/null)" != "v$NODE_VERSION" ]; then
    echo "setup: installing linkinator@$LINKINATOR_VERSION and node@$NODE_VERSION into bench/.node"
    npm install --prefix "$BENCH_DIR/.node" --save-exact --no-audit --no-fund \
        "linkinator@$LINKINATOR_VERSION" "node@$NODE_VERSION"
fi
if [ "$("$node_bin" --version 2>/dev/null)" != "v$NODE_VERSION" ]; then
    echo "setup: $node_bin is not Node $NODE_VERSION (did npm skip the node package's install script?)" >&2
    exit 1
fi

venv="$BENCH_DIR/.venv-peers"
if [ ! -x "$venv/bin/linkchecker" ] \
    || [ "$("$venv/bin/python" -m pip show linkchecker 2>/dev/null | sed -n 's/^Version: //p')" != "$LINKCHECKER_VERSION" ]; then
    echo "setup: installing linkchecker==$LINKCHECKER_VERSION into bench/.venv-peers"
    "$PYTHON" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet "linkchecker==$LINKCHECKER_VERSION"
fi

echo "setup: ready"
echo "  nginx:       $(nginx -v 2>&1 || /usr/sbin/nginx -v 2>&1)"
echo "  wget:        $(wget --version | head -n 1)"
echo "  linkinator:  $("$node_bin" "$node_modules/linkinator/build/src/cli.js" --version) on Node $("$node_bin" --version)"
echo "  linkchecker: $("$venv/bin/linkchecker" --version 2>/dev/null | head -n 1)"
