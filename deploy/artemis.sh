#!/usr/bin/env bash
# A standalone Artemis for the hub on this machine (issue 12): downloads the distribution from Maven Central,
# creates a broker instance, installs config/broker/broker.xml and the hub's broker plugins, adds the broker's
# users and roles, and starts it on 127.0.0.1 (ARTEMIS_HOST). Then start the hub with -Dhub.broker.url=tcp://127.0.0.1:<port>
# and -Dhub.broker.password=<the hub's password below>.
#
#   deploy/artemis.sh start      create the instance if absent, start it, wait until it listens
#   deploy/artemis.sh stop       stop the broker this script started
#   deploy/artemis.sh run        create the instance if absent and run it in the foreground (deploy/artemis.Dockerfile)
#   deploy/artemis.sh download   only fetch and unpack the distribution
#
# Environment (defaults in brackets):
#   ARTEMIS_VERSION   [pom.xml artemis.standalone.version: the distribution of artemis.version is not on Central]
#   ARTEMIS_WORK      [target/artemis]  download cache, the instance (instance/), its pid and log
#   ARTEMIS_HOST      [127.0.0.1]       the address the broker listens on (0.0.0.0 in a container)
#   ARTEMIS_PORT      [61716]           the plain acceptor (CORE, AMQP, STOMP)
#   ARTEMIS_HUB_PASSWORD                the hub's password on this broker (required)
#   ARTEMIS_CREDENTIALS [config/demo-credentials.properties]  login=password of the agencies and other logins
# Needs: java 17, curl, tar, the connectors module packaged (mvn -B -DskipTests package).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
version="${ARTEMIS_VERSION:-$(sed -n 's:.*<artemis.standalone.version>\(.*\)</artemis.standalone.version>.*:\1:p' "$repo/pom.xml")}"
work="${ARTEMIS_WORK:-$repo/target/artemis}"
host="${ARTEMIS_HOST:-127.0.0.1}"
port="${ARTEMIS_PORT:-61716}"
credentials="${ARTEMIS_CREDENTIALS:-$repo/config/demo-credentials.properties}"
instance="$work/instance"
pidfile="$work/artemis.pid"

die() { echo "artemis.sh: $*" >&2; exit 1; }

download() {
    local tarball="$work/apache-artemis-$version-bin.tar.gz"
    local url="https://repo1.maven.org/maven2/org/apache/artemis/apache-artemis/$version/apache-artemis-$version-bin.tar.gz"
    mkdir -p "$work"
    if [[ ! -s "$tarball" ]]; then
        curl -sSfL -o "$tarball.part" "$url" || die "cannot download $url"
        mv "$tarball.part" "$tarball"
    fi
    if [[ ! -d "$work/apache-artemis-$version" ]]; then
        tar -xzf "$tarball" -C "$work"
    fi
}

# The broker roles of a login, as BrokerRoles.of: an agency's login is its code in lower case.
roles_of() {
    local login="$1" roles=""
    if grep -qiE "^[[:space:]]*- code: *$login[[:space:]]*$" "$repo/config/agencies.yaml"; then
        roles="agency,agency-$login"
    fi
    case "$login" in
        mtszn) roles="$roles,feed-consumer" ;;
        government) roles="government" ;;
        operator) roles="operator" ;;
    esac
    echo "${roles#,}"
}

create() {
    [[ -n "${ARTEMIS_HUB_PASSWORD:-}" ]] || die "set ARTEMIS_HUB_PASSWORD (the hub's password on this broker)"
    local plugin
    plugin="$(ls "$repo"/connectors/target/safework-connectors-*-broker-plugin.jar 2>/dev/null | head -1)"
    [[ -n "$plugin" ]] || die "no broker plugin jar: run mvn -B -DskipTests package first"
    "$work/apache-artemis-$version/bin/artemis" create --silent --no-web --require-login \
        --user hub --password "$ARTEMIS_HUB_PASSWORD" --role hub --host "$host" "$instance" >/dev/null
    cp "$repo/config/broker/broker.xml" "$instance/etc/broker.xml"
    # No keystore here: the TLS acceptor stays out (set safework.broker.keystore and keep it for TLS).
    sed -i '/<acceptor name="clients-tls">/d' "$instance/etc/broker.xml"
    cp "$plugin" "$instance/lib/safework-broker-plugin.jar"
    printf '\nJAVA_ARGS="$JAVA_ARGS -Dsafework.broker.host=%s -Dsafework.broker.port=%s"\n' "$host" "$port" \
        >> "$instance/etc/artemis.profile"
    # Users and roles of the JAAS properties login module artemis create configured (plain-text passwords).
    local users="$instance/etc/artemis-users.properties" roles="$instance/etc/artemis-roles.properties"
    declare -A members=([hub]=hub)
    printf '\n' >> "$users"  # artemis create leaves the hub's line without one
    while IFS='=' read -r login password; do
        login="${login//[[:space:]]/}"
        [[ -z "$login" || "$login" == \#* || "$login" == hub ]] && continue
        [[ "$login" =~ ^[a-z0-9-]+$ ]] || die "login '$login' in $credentials is not [a-z0-9-]+"
        printf '%s = %s\n' "$login" "$password" >> "$users"
        local role
        for role in $(roles_of "$login" | tr ',' ' '); do
            members[$role]="${members[$role]:+${members[$role]},}$login"
        done
    done < "$credentials"
    : > "$roles"
    local role
    for role in "${!members[@]}"; do
        printf '%s = %s\n' "$role" "${members[$role]}" >> "$roles"
    done
}

start() {
    download
    [[ -d "$instance" ]] || create
    if [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
        echo "artemis.sh: already running (pid $(cat "$pidfile"))"
        return
    fi
    nohup "$instance/bin/artemis" run > "$work/artemis.log" 2>&1 &
    echo $! > "$pidfile"
    for _ in $(seq 1 120); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "artemis.sh: Artemis $version listening on 127.0.0.1:$port (pid $(cat "$pidfile"), log $work/artemis.log)"
            return
        fi
        kill -0 "$(cat "$pidfile")" 2>/dev/null || die "the broker exited; see $work/artemis.log"
        sleep 1
    done
    die "the broker does not listen on $port after 120 s; see $work/artemis.log"
}

run() {
    download
    [[ -d "$instance" ]] || create
    exec "$instance/bin/artemis" run
}

stop() {
    [[ -f "$pidfile" ]] || return 0
    local pid
    pid="$(cat "$pidfile")"
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid"
        for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    fi
    rm -f "$pidfile"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    run) run ;;
    download) download ;;
    *) die "usage: $0 start|stop|run|download" ;;
esac
