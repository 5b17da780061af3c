#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for one ctest run (a ctest fixture).
#   pg-fixture.sh start DIR PORT   initdb + start as the postgres user, socket inside DIR,
#                                   listening on 127.0.0.1:PORT; creates database confero_test
#   pg-fixture.sh stop DIR         stop the cluster and remove DIR
# PostgreSQL refuses to run as root, so as root the cluster belongs to the postgres user and lives in
# a folder of its own under /tmp (DIR/cluster names it): DIR is usually inside the clone, and a clone
# in root's home (mode 0700) is out of the postgres user's reach.
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
cmd=$1 dir=$2
as_pg() {
    # From /, which the postgres user can enter (it could not the caller's folder in root's home).
    if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}
# The cluster's folder for DIR: DIR itself, or as root the one DIR/cluster names.
cluster_of() {
    if [ -f "$1/cluster" ]; then cat "$1/cluster"; else echo "$1"; fi
}
case $cmd in
start)
    port=$3
    "$0" stop "$dir" >/dev/null 2>&1 || true
    mkdir -p "$dir"
    cluster=$dir
    if [ "$(id -u)" -eq 0 ]; then
        cluster=$(mktemp -d /tmp/confero-pg.XXXXXX)
        chown postgres:postgres "$cluster"
        echo "$cluster" >"$dir/cluster"
    fi
    as_pg "$bin/initdb" -D "$cluster/data" -U postgres -A trust --no-sync -E UTF8 >"$cluster/initdb.log" 2>&1 \
        || { cat "$cluster/initdb.log"; exit 1; }
    as_pg "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $cluster -c fsync=off" start >/dev/null \
        || { cat "$cluster/server.log"; exit 1; }
    as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres confero_test
    echo "PostgreSQL fixture on 127.0.0.1:$port in $cluster"
    ;;
stop)
    cluster=$(cluster_of "$dir")
    if [ -d "$cluster/data" ]; then
        as_pg "$bin/pg_ctl" -D "$cluster/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$cluster" "$dir"
    ;;
*)
    echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
