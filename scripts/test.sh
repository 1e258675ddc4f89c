#!/usr/bin/env bash
# Runs every test of Commissioning.sln, on a developer's machine or on a fresh CI
# machine (Debian 12), and prints a closing line "N passed, N failed, N skipped".
#
#   scripts/test.sh                      # all tests
#   scripts/test.sh --filter Name~Foo    # extra arguments go to `dotnet test`
#
# What it does:
#   1. installs with apt-get, only when missing: chromium, postgresql,
#      poppler-utils, fonts-dejavu-core, fonts-liberation;
#   2. starts (or reuses) a private PostgreSQL server on 127.0.0.1:54329 with its
#      files in .testdata/postgres/ (see scripts/test-postgres.sh, which can also
#      be run by hand), and exports
#        COMMISSIONING_TEST_POSTGRES  Npgsql admin connection string, e.g.
#          Host=127.0.0.1;Port=54329;Username=postgres;Password=commissioning-test;Database=postgres
#          (tests create and drop their own databases through it)
#        COMMISSIONING_CHROMIUM       /usr/bin/chromium
#   3. runs `dotnet test Commissioning.sln` (configuration from
#      COMMISSIONING_TEST_CONFIGURATION, default Debug), with TRX results in
#      .testdata/test-results/<run>/, and exits with its exit code, or 1 when no
#      test ran at all;
#   4. stops the PostgreSQL server when done, unless KEEP_TEST_POSTGRES=1, the
#      server was started by hand (scripts/test-postgres.sh start), or another
#      scripts/test.sh run in this tree still uses it.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

# shellcheck source=scripts/test-postgres.sh
source "$REPO_ROOT/scripts/test-postgres.sh"

log() { echo "test.sh: $*" >&2; }

: "${HOME:=$(getent passwd "$(id -u)" | cut -d: -f6)}"
export HOME
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

pkg_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'
}

ensure_system_packages() {
    local missing=()
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
    tpg_find_bindir || missing+=(postgresql)
    command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
    pkg_installed fonts-dejavu-core || missing+=(fonts-dejavu-core)
    pkg_installed fonts-liberation || missing+=(fonts-liberation)
    if [ "${#missing[@]}" -gt 0 ]; then
        tpg_apt_install "${missing[@]}"
    fi
}

command -v dotnet >/dev/null 2>&1 || { log "ERROR: the .NET SDK (dotnet) is not installed"; exit 1; }
ensure_system_packages

# --- PostgreSQL -------------------------------------------------------------
# Locks (in $TPG_ROOT): start.lock serialises starting and stopping the server;
# every run holds users.lock shared while it runs, so the last run to end is the
# one that may stop the server. Descriptors 8 and 9 are closed for the server and
# for dotnet, so no lingering process (build servers, postmaster) keeps a lock.
mkdir -p "$TPG_ROOT"
exec 8>"$TPG_ROOT/start.lock"
exec 9>"$TPG_ROOT/users.lock"
flock -x 8
POSTGRES_IN_USE=0

release_postgres() {
    [ "$POSTGRES_IN_USE" = 1 ] || return 0
    POSTGRES_IN_USE=0
    flock -x 8 || true
    flock -u 9 || true
    if [ "${KEEP_TEST_POSTGRES:-0}" = 1 ]; then
        log "KEEP_TEST_POSTGRES=1: leaving the test server running on $TPG_HOST:$TPG_PORT"
    elif [ -f "$TPG_KEPT_MARKER" ]; then
        log "leaving the test server running (it was started by scripts/test-postgres.sh start)"
    elif flock -x -n 9; then
        tpg_stop_server
        flock -u 9 || true
    else
        log "another scripts/test.sh run still uses the test server; leaving it running"
    fi
    flock -u 8 || true
}

# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    release_postgres
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

tpg_start
flock -s 9
POSTGRES_IN_USE=1
flock -u 8

COMMISSIONING_TEST_POSTGRES="$(tpg_connection_string)"
export COMMISSIONING_TEST_POSTGRES
export COMMISSIONING_CHROMIUM="${COMMISSIONING_CHROMIUM:-$(command -v chromium)}"
log "COMMISSIONING_TEST_POSTGRES=$COMMISSIONING_TEST_POSTGRES"
log "COMMISSIONING_CHROMIUM=$COMMISSIONING_CHROMIUM"

# --- dotnet test ------------------------------------------------------------
RESULTS_ROOT="$REPO_ROOT/.testdata/test-results"
RESULTS_DIR="$RESULTS_ROOT/$(date +%Y%m%d-%H%M%S)-$$"
mkdir -p "$RESULTS_DIR"
# Keep the results of the last 10 runs only.
ls -1dt "$RESULTS_ROOT"/*/ 2>/dev/null | tail -n +11 | xargs -r rm -rf

CONFIGURATION="${COMMISSIONING_TEST_CONFIGURATION:-Debug}"
set +e
dotnet test "$REPO_ROOT/Commissioning.sln" -c "$CONFIGURATION" \
    --logger "console;verbosity=normal" --logger trx --results-directory "$RESULTS_DIR" \
    "$@" 8>&- 9>&-
TEST_RC=$?
set -e

# --- summary from the TRX files (one per test project run) -------------------
passed=0 failed=0 skipped=0 total=0
shopt -s nullglob
for trx in "$RESULTS_DIR"/*.trx; do
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)"
    [ -n "$counters" ] || continue
    attr() { local v; v="$(echo "$counters" | sed -n -E "s/.* $1=\"([0-9]+)\".*/\1/p")"; echo "${v:-0}"; }
    t="$(attr total)"; e="$(attr executed)"; p="$(attr passed)"
    f=$(( $(attr failed) + $(attr error) + $(attr timeout) + $(attr aborted) ))
    total=$(( total + t ))
    passed=$(( passed + p ))
    failed=$(( failed + f ))
    skipped=$(( skipped + t - e ))
done
shopt -u nullglob

# Stop the server now, so that the summary below is the last line printed.
release_postgres

echo
echo "Test results: $RESULTS_DIR"
if [ "$TEST_RC" -eq 0 ] && [ $(( passed + failed )) -eq 0 ]; then
    echo "ERROR: no test ran"
    TEST_RC=1
fi
if [ "$failed" -gt 0 ]; then
    # Name each failed test and the first lines of its message, so that a log
    # cut short still says what failed.
    echo "Failed tests:"
    for trx in "$RESULTS_DIR"/*.trx; do
        awk '
            /<UnitTestResult / && /outcome="Failed"/ {
                match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11)
                print "  - " name; grab = 1; lines = 0; next
            }
            grab && /<Message>/ { inmsg = 1; sub(/.*<Message>/, "") }
            grab && inmsg {
                done = sub(/<\/Message>.*/, "")
                if (lines < 6) print "      " $0; lines++
                if (done) { inmsg = 0; grab = 0 }
            }
        ' "$trx" 2>/dev/null || true
    done
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$TEST_RC"
