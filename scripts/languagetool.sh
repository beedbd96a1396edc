#!/usr/bin/env bash
# A local LanguageTool for artlint's grammar back end: fetch a pinned version from Maven Central,
# start its HTTP server on a loopback port, stop it.
#
#   scripts/languagetool.sh fetch          # print the folder of LanguageTool's jars (fetched once)
#   scripts/languagetool.sh start [PORT]   # start the server on 127.0.0.1:PORT (default 8081),
#                                          # wait until it answers, print its URL
#   scripts/languagetool.sh stop [PORT]    # stop the server started on PORT
#
# Needs Java 17 or later and Maven (`mvn`). The jars go to
# ${ARTLINT_LANGUAGETOOL_CACHE:-${XDG_CACHE_HOME:-~/.cache}/artlint-languagetool}/VERSION/jars,
# outside the checkout; artlint itself never downloads anything. The jar folder also works as
# --languagetool-path or ARTLINT_LANGUAGETOOL_PATH (artlint then starts and stops the server itself).
# ARTLINT_LANGUAGETOOL_VERSION overrides the pinned version (re-record the test responses with
# scripts/record_languagetool.py when you change it).
set -euo pipefail

VERSION="${ARTLINT_LANGUAGETOOL_VERSION:-6.8}"
DEPENDENCY_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"
HOME="${HOME:-$(cd ~ && pwd)}"  # CI may run without HOME
CACHE="${ARTLINT_LANGUAGETOOL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/artlint-languagetool}/$VERSION"
JARS="$CACHE/jars"
STARTUP_TIMEOUT="${ARTLINT_LANGUAGETOOL_STARTUP_TIMEOUT:-120}"

die() { echo "languagetool.sh: $*" >&2; exit 1; }

need() {
    command -v "$1" >/dev/null 2>&1 || die "$1 is not on PATH ($2)"
}

fetch() {
    if [[ -f "$JARS/.complete" ]]; then
        echo "$JARS"
        return
    fi
    need mvn "Maven fetches LanguageTool from Maven Central"
    mkdir -p "$CACHE"
    # The server without language-all (every language, 250 MB), plus English and the three
    # languages LanguageTool's language identifier loads at start-up.
    local module dependencies=""
    for module in language-en language-es language-ca language-pt; do
        dependencies+="<dependency><groupId>org.languagetool</groupId><artifactId>$module</artifactId>"
        dependencies+="<version>$VERSION</version></dependency>"
    done
    cat > "$CACHE/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>artlint</groupId>
  <artifactId>languagetool-fetch</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.languagetool</groupId>
      <artifactId>languagetool-server</artifactId>
      <version>$VERSION</version>
      <exclusions>
        <exclusion><groupId>org.languagetool</groupId><artifactId>language-all</artifactId></exclusion>
      </exclusions>
    </dependency>
    $dependencies
  </dependencies>
</project>
POM
    rm -rf "$JARS"
    mvn --batch-mode --quiet --file "$CACHE/pom.xml" "$DEPENDENCY_PLUGIN:copy-dependencies" \
        -DincludeScope=runtime -DoutputDirectory="$JARS" >&2 \
        || die "Maven could not fetch LanguageTool $VERSION"
    touch "$JARS/.complete"
    echo "$JARS"
}

pidfile() { echo "$CACHE/server-$1.pid"; }

answers() {
    python3 - "$1" <<'PY'
import sys, urllib.request
try:
    with urllib.request.urlopen(sys.argv[1] + "/v2/languages", timeout=2) as response:
        sys.exit(0 if response.status == 200 else 1)
except OSError:
    sys.exit(1)
PY
}

start() {
    local port="${1:-8081}" url jars pid log
    url="http://127.0.0.1:$port"
    need java "LanguageTool $VERSION needs Java 17 or later"
    jars="$(fetch)"
    if answers "$url"; then
        die "something already answers on $url; stop it or pick another port"
    fi
    log="$CACHE/server-$port.log"
    # HTTPServer listens on the loopback interface unless given --public.
    java -cp "$jars/*" org.languagetool.server.HTTPServer --port "$port" --allow-origin \
        </dev/null >"$log" 2>&1 &
    pid=$!
    echo "$pid" > "$(pidfile "$port")"
    local waited=0
    until answers "$url"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$(pidfile "$port")"
            tail -n 20 "$log" >&2
            die "the LanguageTool server exited (log: $log)"
        fi
        if (( waited >= STARTUP_TIMEOUT * 2 )); then
            stop "$port"
            die "the LanguageTool server did not answer on $url within $STARTUP_TIMEOUT s (log: $log)"
        fi
        sleep 0.5
        waited=$((waited + 1))
    done
    echo "$url"
}

stop() {
    local port="${1:-8081}" file pid
    file="$(pidfile "$port")"
    [[ -f "$file" ]] || return 0
    pid="$(cat "$file")"
    rm -f "$file"
    kill "$pid" 2>/dev/null || return 0
    for _ in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
}

case "${1:-}" in
    fetch) fetch ;;
    start) start "${2:-}" ;;
    stop) stop "${2:-}" ;;
    *) die "usage: $0 fetch | start [PORT] | stop [PORT]" ;;
esac
