#!/usr/bin/env bash
# Private PostgreSQL server for the Commissioning tests.
#
# scripts/test.sh sources this file and uses its functions; a developer can also
# run it by hand to keep a server up while running `dotnet test` directly:
#
#   eval "$(scripts/test-postgres.sh start)"   # start (or reuse) it, export the variables
#   dotnet test Commissioning.sln               # ... as often as you like
#   scripts/test-postgres.sh status             # is it running, on which port
#   scripts/test-postgres.sh env                # print the export lines again
#   scripts/test-postgres.sh psql               # interactive psql as the superuser
#   scripts/test-postgres.sh stop               # stop it
#
# The server:
#   - uses the real binaries of the newest /usr/lib/postgresql/<version>/bin
#     (installs the `postgresql` package with apt-get if there are none);
#   - keeps its files in .testdata/postgres/ (git-ignored): data/ is the cluster,
#     server.log its log; override the folder with COMMISSIONING_TEST_PG_DIR;
#   - listens on 127.0.0.1 only (no Unix socket), port 54329 by default; if that
#     port is taken by something else the next free one up to 54348 is used,
#     unless COMMISSIONING_TEST_PG_PORT is set, which is then used strictly;
#   - runs as the `postgres` OS user when invoked as root (initdb refuses root);
#   - superuser `postgres`, password `commissioning-test` (scram-sha-256; it is
#     a throw-away test server reachable from this machine only), fsync off,
#     max_connections 300.
# Connection string exported as COMMISSIONING_TEST_POSTGRES (Npgsql/ADO.NET):
#   Host=127.0.0.1;Port=54329;Username=postgres;Password=commissioning-test;Database=postgres
#
# A server started by hand with `start` is marked as kept: scripts/test.sh reuses
# it and leaves it running. Otherwise scripts/test.sh stops the server when it
# ends (unless KEEP_TEST_POSTGRES=1), but only when no other scripts/test.sh run
# in the same tree is still using it.

TPG_SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TPG_REPO_ROOT="$(cd "$TPG_SCRIPT_DIR/.." && pwd)"
TPG_ROOT="${COMMISSIONING_TEST_PG_DIR:-$TPG_REPO_ROOT/.testdata/postgres}"
TPG_DATA="$TPG_ROOT/data"
TPG_LOG="$TPG_ROOT/server.log"
TPG_KEPT_MARKER="$TPG_ROOT/kept"
TPG_HOST=127.0.0.1
TPG_DEFAULT_PORT=54329
TPG_PORT="${COMMISSIONING_TEST_PG_PORT:-$TPG_DEFAULT_PORT}"
TPG_USER=postgres
TPG_PASSWORD=commissioning-test
TPG_MAX_CONNECTIONS=300
TPG_BINDIR=""

tpg_log() { echo "test-postgres: $*" >&2; }
tpg_die() { echo "test-postgres: ERROR: $*" >&2; exit 1; }

# Runs apt-get install for the given packages (apt-get update first), as root or via sudo.
tpg_apt_install() {
    [ "$#" -gt 0 ] || return 0
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            sudo=(sudo -n)
        else
            tpg_die "missing packages: $* (install them: apt-get install $*)"
        fi
    fi
    tpg_log "installing with apt-get: $*"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

# Sets TPG_BINDIR to the bin folder of the newest installed PostgreSQL server.
tpg_find_bindir() {
    local dir
    TPG_BINDIR=""
    for dir in $(ls -1d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then
            TPG_BINDIR="$dir"
            return 0
        fi
    done
    return 1
}

tpg_ensure_installed() {
    tpg_find_bindir && return 0
    tpg_apt_install postgresql
    tpg_find_bindir || tpg_die "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin"
}

tpg_connection_string() {
    echo "Host=$TPG_HOST;Port=$TPG_PORT;Username=$TPG_USER;Password=$TPG_PASSWORD;Database=postgres"
}

# Runs a command as the owner of the cluster: `postgres` when we are root, else ourselves.
# The lock descriptors 8 and 9 of scripts/test.sh are closed so the server never holds them.
tpg_as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        (cd / && runuser -u postgres -- "$@") 8>&- 9>&-
    else
        "$@" 8>&- 9>&-
    fi
}

tpg_psql() {
    PGPASSWORD="$TPG_PASSWORD" PGCONNECT_TIMEOUT=5 \
        "$TPG_BINDIR/psql" -X -q -h "$TPG_HOST" -p "$TPG_PORT" -U "$TPG_USER" -d postgres "$@"
}

# True when the cluster in $TPG_DATA has a live postmaster.
tpg_running() {
    [ -f "$TPG_DATA/PG_VERSION" ] && tpg_as_owner "$TPG_BINDIR/pg_ctl" -D "$TPG_DATA" status >/dev/null 2>&1
}

# True when something accepts TCP connections on 127.0.0.1:$1.
tpg_port_in_use() {
    (exec 3<>"/dev/tcp/$TPG_HOST/$1") 2>/dev/null
}

# Port of the running cluster, from postmaster.pid (4th line).
tpg_running_port() {
    sed -n 4p "$TPG_DATA/postmaster.pid" 2>/dev/null
}

tpg_prepare_dirs() {
    mkdir -p "$TPG_ROOT"
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || tpg_die "there is no 'postgres' OS user (is the postgresql package installed?)"
        mkdir -p "$TPG_DATA"
        chown postgres:postgres "$TPG_DATA"
        chmod 700 "$TPG_DATA"
        touch "$TPG_LOG"
        chown postgres:postgres "$TPG_LOG"
        if ! runuser -u postgres -- test -w "$TPG_DATA"; then
            tpg_die "the postgres OS user cannot reach $TPG_DATA (a parent folder is not traversable); set COMMISSIONING_TEST_PG_DIR to a folder it can reach"
        fi
    else
        mkdir -p "$TPG_DATA"
        chmod 700 "$TPG_DATA"
        touch "$TPG_LOG"
    fi
}

tpg_initdb() {
    local major
    major="$("$TPG_BINDIR/postgres" --version | sed -E 's/^[^0-9]*([0-9]+).*/\1/')"
    if [ -f "$TPG_DATA/PG_VERSION" ] && [ "$(cat "$TPG_DATA/PG_VERSION")" = "$major" ]; then
        return 0
    fi
    if [ -n "$(ls -A "$TPG_DATA" 2>/dev/null)" ]; then
        tpg_log "discarding the old test cluster in $TPG_DATA (not a PostgreSQL $major cluster)"
        find "$TPG_DATA" -mindepth 1 -delete
    fi
    tpg_log "initialising a PostgreSQL $major test cluster in $TPG_DATA"
    local pwfile="$TPG_ROOT/initdb.pwfile" locale_opt="--locale=C.UTF-8"
    printf '%s\n' "$TPG_PASSWORD" >"$pwfile"
    chmod 600 "$pwfile"
    [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$pwfile"
    locale -a 2>/dev/null | grep -qix 'c.utf-\?8' || locale_opt="--no-locale"
    if ! tpg_as_owner "$TPG_BINDIR/initdb" -D "$TPG_DATA" -U "$TPG_USER" --pwfile="$pwfile" \
        -E UTF8 "$locale_opt" --auth-host=scram-sha-256 --auth-local=scram-sha-256 >"$TPG_ROOT/initdb.log" 2>&1; then
        rm -f "$pwfile"
        cat "$TPG_ROOT/initdb.log" >&2
        tpg_die "initdb failed"
    fi
    rm -f "$pwfile"
    echo "include = 'commissioning-test.conf'" >>"$TPG_DATA/postgresql.conf"
}

# (Re)writes the settings the tests rely on; read at every server start.
tpg_write_settings() {
    local conf="$TPG_DATA/commissioning-test.conf"
    cat >"$conf" <<EOF
# Written by scripts/test-postgres.sh at every start; edit that script instead.
listen_addresses = '$TPG_HOST'
port = $TPG_PORT
unix_socket_directories = ''
max_connections = $TPG_MAX_CONNECTIONS
shared_buffers = 64MB
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
checkpoint_timeout = 30min
max_wal_size = 1GB
logging_collector = off
log_min_messages = warning
EOF
    [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$conf"
}

tpg_stop_server() {
    tpg_running || return 0
    tpg_log "stopping the test server (data $TPG_DATA)"
    tpg_as_owner "$TPG_BINDIR/pg_ctl" -D "$TPG_DATA" -m fast -w -t 60 stop >/dev/null 2>&1 \
        || tpg_as_owner "$TPG_BINDIR/pg_ctl" -D "$TPG_DATA" -m immediate -w -t 30 stop >/dev/null 2>&1 \
        || tpg_log "WARNING: could not stop the test server; see $TPG_LOG"
}

# Starts the test server, or reuses the one already running from $TPG_DATA.
# Sets TPG_PORT to the port it listens on.
tpg_start() {
    tpg_ensure_installed
    tpg_prepare_dirs

    if tpg_running; then
        local port
        port="$(tpg_running_port)"
        if [ -n "$port" ] && { [ -z "${COMMISSIONING_TEST_PG_PORT:-}" ] || [ "$port" = "$COMMISSIONING_TEST_PG_PORT" ]; }; then
            TPG_PORT="$port"
            local max
            if max="$(tpg_psql -tA -c 'show max_connections' 2>/dev/null)" && [ "${max:-0}" -ge 200 ]; then
                tpg_log "reusing the test server already running on $TPG_HOST:$TPG_PORT"
                return 0
            fi
        fi
        tpg_log "the test server running from $TPG_DATA is not usable as it is; restarting it"
        tpg_stop_server
    fi

    # Pick the port: the configured one, or the first free one from 54329 up.
    if [ -n "${COMMISSIONING_TEST_PG_PORT:-}" ]; then
        TPG_PORT="$COMMISSIONING_TEST_PG_PORT"
        ! tpg_port_in_use "$TPG_PORT" || tpg_die "port $TPG_HOST:$TPG_PORT (COMMISSIONING_TEST_PG_PORT) is already in use by another program"
    else
        local candidate
        TPG_PORT=""
        for candidate in $(seq "$TPG_DEFAULT_PORT" $((TPG_DEFAULT_PORT + 19))); do
            if ! tpg_port_in_use "$candidate"; then
                TPG_PORT="$candidate"
                break
            fi
            tpg_log "port $candidate is in use by another program, trying the next one"
        done
        [ -n "$TPG_PORT" ] || tpg_die "no free port in $TPG_DEFAULT_PORT-$((TPG_DEFAULT_PORT + 19))"
    fi

    tpg_initdb
    tpg_write_settings
    tpg_log "starting the test server on $TPG_HOST:$TPG_PORT (log $TPG_LOG)"
    if ! tpg_as_owner "$TPG_BINDIR/pg_ctl" -D "$TPG_DATA" -l "$TPG_LOG" -w -t 60 start >/dev/null 2>&1; then
        tail -n 30 "$TPG_LOG" >&2 || true
        tpg_die "the test server did not start"
    fi
    local _
    for _ in $(seq 1 30); do
        if tpg_psql -tA -c 'select 1' >/dev/null 2>&1; then
            return 0
        fi
        sleep 1
    done
    tail -n 30 "$TPG_LOG" >&2 || true
    tpg_die "the test server started but does not accept connections on $TPG_HOST:$TPG_PORT"
}

tpg_print_env() {
    echo "export COMMISSIONING_TEST_POSTGRES='$(tpg_connection_string)'"
    if command -v chromium >/dev/null 2>&1; then
        echo "export COMMISSIONING_CHROMIUM='$(command -v chromium)'"
    fi
}

tpg_main() {
    set -euo pipefail
    case "${1:-}" in
        start)
            tpg_start
            touch "$TPG_KEPT_MARKER"
            tpg_print_env
            ;;
        stop)
            tpg_find_bindir || tpg_die "PostgreSQL is not installed"
            tpg_stop_server
            rm -f "$TPG_KEPT_MARKER"
            ;;
        status)
            tpg_find_bindir || tpg_die "PostgreSQL is not installed"
            if tpg_running; then
                TPG_PORT="$(tpg_running_port)"
                echo "running on $TPG_HOST:$TPG_PORT, data $TPG_DATA$( [ -f "$TPG_KEPT_MARKER" ] && echo ', kept')"
                tpg_connection_string
            else
                echo "not running (data $TPG_DATA)"
                exit 3
            fi
            ;;
        env)
            tpg_find_bindir || tpg_die "PostgreSQL is not installed"
            tpg_running || tpg_die "the test server is not running; use: scripts/test-postgres.sh start"
            TPG_PORT="$(tpg_running_port)"
            tpg_print_env
            ;;
        psql)
            tpg_find_bindir || tpg_die "PostgreSQL is not installed"
            tpg_running || tpg_die "the test server is not running; use: scripts/test-postgres.sh start"
            TPG_PORT="$(tpg_running_port)"
            shift
            exec env PGPASSWORD="$TPG_PASSWORD" "$TPG_BINDIR/psql" -h "$TPG_HOST" -p "$TPG_PORT" -U "$TPG_USER" -d postgres "$@"
            ;;
        *)
            echo "usage: $0 start|stop|status|env|psql [psql args]" >&2
            exit 2
            ;;
    esac
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    tpg_main "$@"
fi
