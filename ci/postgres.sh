#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on loopback for the warehouse tests and print its URL.
#
#   ci/postgres.sh          # installs Debian's postgresql if needed, starts, prints the URL
#   ci/postgres.sh stop
#
# The server lives in $PIPELINE_PG_DIR (default /tmp/pipeline-pg), listens on 127.0.0.1 only,
# port $PIPELINE_PG_PORT (default 55432), trusts local connections and holds no real data.
set -euo pipefail

DIR="${PIPELINE_PG_DIR:-/tmp/pipeline-pg}"
PORT="${PIPELINE_PG_PORT:-55432}"
URL="postgresql://postgres@127.0.0.1:${PORT}/postgres"

find_bin() {
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    echo "$found"
}

as_owner() {
    # initdb and postgres refuse to run as root: run them as the postgres user then.
    if [ "$(id -u)" = "0" ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

BIN=$(find_bin)
if [ "${1:-}" = "stop" ]; then
    [ -n "$BIN" ] && [ -d "$DIR" ] && as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast stop || true
    exit 0
fi

if [ -z "$BIN" ]; then
    if [ "$(id -u)" != "0" ]; then
        echo "PostgreSQL is not installed; run as root or: apt-get install postgresql" >&2
        exit 1
    fi
    echo "installing Debian's postgresql ..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
    BIN=$(find_bin)
fi

if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
    echo "$URL"
    exit 0
fi

mkdir -p "$DIR"
if [ "$(id -u)" = "0" ]; then
    chown postgres "$DIR"
fi
if [ ! -f "$DIR/data/PG_VERSION" ]; then
    as_owner "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$DIR/initdb.log" 2>&1 || as_owner "$BIN/initdb" -D "$DIR/data" -U postgres \
        --auth=trust -E UTF8 >"$DIR/initdb.log" 2>&1
fi
as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR" start >&2
echo "$URL"
