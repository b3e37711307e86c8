#!/usr/bin/env bash
# A standalone Artemis for the hub on this machine (issue 12): downloads the distribution from Maven Central,
# creates a broker instance, installs config/broker/broker.xml and the hub's broker plugins, adds the broker's
# users and roles, and starts it on 127.0.0.1 (ARTEMIS_HOST). Then start the hub with -Dhub.broker.url=tcp://127.0.0.1:<port>
# and -Dhub.broker.password=<the hub's password below>.
# Or a primary/backup pair with replication (README, Production topology): each node is such an instance with the
# same broker.xml, plus its ha-policy and a static cluster connection to the other; the backup copies the primary's
# journal and becomes active when the primary dies. The hub and agencies then name both:
# (tcp://127.0.0.1:61716,tcp://127.0.0.1:61726)?ha=true&reconnectAttempts=-1
#
#   deploy/artemis.sh start      create the instance if absent, start it, wait until it listens (a backup: until it
#                                has copied the primary's journal)
#   deploy/artemis.sh stop       stop the broker this script started
#   deploy/artemis.sh run        create the instance if absent and run it in the foreground (deploy/artemis.Dockerfile)
#   deploy/artemis.sh download   only fetch and unpack the distribution
#   deploy/artemis.sh pair-start the pair on this machine: the primary on ARTEMIS_PORT, then the backup on
#                                ARTEMIS_BACKUP_PORT, until the backup is in sync
#   deploy/artemis.sh pair-stop  stop both (the backup first, so that it does not take over)
#
# Environment (defaults in brackets):
#   ARTEMIS_VERSION   [pom.xml artemis.standalone.version: the distribution of artemis.version is not on Central]
#   ARTEMIS_WORK      [target/artemis]  the instances (instance/, primary/, backup/), pids and logs
#   ARTEMIS_DOWNLOADS [ARTEMIS_WORK]    where the distribution is downloaded and unpacked
#   ARTEMIS_HOST      [127.0.0.1]       the address the broker listens on (0.0.0.0 in a container)
#   ARTEMIS_PORT      [61716; a backup's 61726]  the plain acceptor (CORE, AMQP, STOMP)
#   ARTEMIS_HUB_PASSWORD                the hub's password on this broker (required)
#   ARTEMIS_CREDENTIALS [config/demo-credentials.properties]  login=password of the agencies and other logins
#   ARTEMIS_NODE      [single]          single, primary or backup (start, stop, run)
#   ARTEMIS_PEER      [127.0.0.1:61726 for a primary, 127.0.0.1:61716 for a backup]  host:port of the other node
#   ARTEMIS_ANNOUNCE_HOST [ARTEMIS_HOST; 127.0.0.1 for 0.0.0.0]  the address the peer and clients reach this node at
#   ARTEMIS_CLUSTER_PASSWORD            the pair's own secret between the two nodes (required for primary, backup)
#   ARTEMIS_BACKUP_PORT [61726]         pair-start: the backup's port
# Needs: java 17, curl, tar, the connectors module packaged (mvn -B -DskipTests package).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
version="${ARTEMIS_VERSION:-$(sed -n 's:.*<artemis.standalone.version>\(.*\)</artemis.standalone.version>.*:\1:p' "$repo/pom.xml")}"
work="${ARTEMIS_WORK:-$repo/target/artemis}"
downloads="${ARTEMIS_DOWNLOADS:-$work}"
host="${ARTEMIS_HOST:-127.0.0.1}"
credentials="${ARTEMIS_CREDENTIALS:-$repo/config/demo-credentials.properties}"

# The node this run is about: its instance directory, pid file, log and port.
node() {
    node="$1"
    case "$node" in
        single) instance="$work/instance" pidfile="$work/artemis.pid" log="$work/artemis.log"
                port="${2:-${ARTEMIS_PORT:-61716}}" ;;
        primary) instance="$work/primary" pidfile="$work/primary.pid" log="$work/primary.log"
                 port="${2:-${ARTEMIS_PORT:-61716}}" peer="${3:-${ARTEMIS_PEER:-127.0.0.1:61726}}" ;;
        backup) instance="$work/backup" pidfile="$work/backup.pid" log="$work/backup.log"
                port="${2:-${ARTEMIS_PORT:-61726}}" peer="${3:-${ARTEMIS_PEER:-127.0.0.1:61716}}" ;;
        *) die "ARTEMIS_NODE must be single, primary or backup, not '$node'" ;;
    esac
}

die() { echo "artemis.sh: $*" >&2; exit 1; }

download() {
    local tarball="$downloads/apache-artemis-$version-bin.tar.gz"
    local url="https://repo1.maven.org/maven2/org/apache/artemis/apache-artemis/$version/apache-artemis-$version-bin.tar.gz"
    mkdir -p "$work" "$downloads"
    # Two runs sharing the downloads (two test JVMs, two nodes started at once) take turns here, so neither
    # unpacks over the other or starts a broker from a half-unpacked distribution.
    exec 9> "$downloads/.download.lock"
    flock 9
    if [[ ! -s "$tarball" ]]; then
        curl -sSfL -o "$tarball.part" "$url" || die "cannot download $url"
        mv "$tarball.part" "$tarball"
    fi
    if [[ ! -d "$downloads/apache-artemis-$version" ]]; then
        tar -xzf "$tarball" -C "$downloads"
    fi
    flock -u 9
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
    "$downloads/apache-artemis-$version/bin/artemis" create --silent --no-web --no-autotune --require-login \
        --user hub --password "$ARTEMIS_HUB_PASSWORD" --role hub --host "$host" "$instance" >/dev/null
    cp "$repo/config/broker/broker.xml" "$instance/etc/broker.xml"
    # No keystore here: the TLS acceptor stays out (set safework.broker.keystore and keep it for TLS).
    sed -i '/<acceptor name="clients-tls">/d' "$instance/etc/broker.xml"
    [[ "$node" == single ]] || ha
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

# A node of the pair: broker.xml gets its name, a connector to itself (announced to the peer and to clients) and to
# the peer, the pair's cluster login, its ha-policy and a static cluster connection to the peer. Replication: each
# node keeps its own journal on its own disk, the backup a copy kept in step by the primary.
ha() {
    [[ -n "${ARTEMIS_CLUSTER_PASSWORD:-}" ]] || die "set ARTEMIS_CLUSTER_PASSWORD (the pair's secret between its nodes)"
    [[ "$peer" =~ ^[A-Za-z0-9.-]+:[0-9]+$ ]] || die "ARTEMIS_PEER '$peer' is not host:port"
    [[ "$ARTEMIS_CLUSTER_PASSWORD" =~ ^[A-Za-z0-9._-]+$ ]] || die "ARTEMIS_CLUSTER_PASSWORD must be [A-Za-z0-9._-]+"
    local announce="${ARTEMIS_ANNOUNCE_HOST:-$host}"
    [[ "$announce" == 0.0.0.0 ]] && announce=127.0.0.1
    [[ "$announce" =~ ^[A-Za-z0-9.-]+$ ]] || die "ARTEMIS_ANNOUNCE_HOST '$announce' is not a host name"
    local policy
    # How long the active node waits for a starting replica to confirm the end of its copy before it gives up with a
    # critical IO error and shuts itself down (Artemis' default, 30 s, was reached on a loaded 2-core machine).
    local sync="<initial-replication-sync-timeout>120000</initial-replication-sync-timeout>"
    if [[ "$node" == primary ]]; then
        # A restarted primary first asks whether the backup is active and, if so, becomes its replica instead of
        # starting a second active broker. Two nodes have no quorum to vote with: the primary does not stop itself
        # when it loses the backup.
        policy="<primary><check-for-active-server>true</check-for-active-server><vote-on-replication-failure>false</vote-on-replication-failure>$sync</primary>"
    else
        # No automatic fail-back: an active backup stays active when the primary comes back, and the primary keeps
        # its copy in step until the backup dies in turn (the primary's log says AMQ224056, "will not fail-back
        # automatically", as an ERROR). Handing back while clients send proved unsafe under load: once the pair was left with
        # no active node at all, the primary not yet in step when the backup stepped down (README, Production).
        policy="<backup><allow-failback>false</allow-failback>$sync</backup>"
    fi
    local block="$work/$node-ha.xml"
    cat > "$block" <<XML
    <!-- deploy/artemis.sh: the $node of a replicated primary/backup pair. -->
    <connectors>
      <connector name="self">tcp://$announce:$port</connector>
      <connector name="peer">tcp://$peer</connector>
    </connectors>
    <cluster-user>safework-cluster</cluster-user>
    <cluster-password>$ARTEMIS_CLUSTER_PASSWORD</cluster-password>
    <ha-policy><replication>$policy</replication></ha-policy>
    <cluster-connections>
      <cluster-connection name="safework-pair">
        <connector-ref>self</connector-ref>
        <max-hops>1</max-hops>
        <static-connectors><connector-ref>peer</connector-ref></static-connectors>
      </cluster-connection>
    </cluster-connections>
XML
    sed -i -e "s:<name>safework-hub</name>:<name>safework-hub-$node</name>:" \
        -e "/<\/acceptors>/r $block" "$instance/etc/broker.xml"
    rm -f "$block"
}

start() {
    download
    [[ -d "$instance" ]] || create
    if [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
        echo "artemis.sh: $node already running (pid $(cat "$pidfile"))"
        return
    fi
    : > "$log"
    nohup "$instance/bin/artemis" run > "$log" 2>&1 &
    echo $! > "$pidfile"
    for _ in $(seq 1 120); do
        if [[ "$node" != single ]] && grep -q "AMQ221024" "$log"; then
            # A node of the pair that finds the other active opens no acceptor: it is ready once its journal is in
            # step (the backup at pair-start; either node started again while the other is active).
            echo "artemis.sh: Artemis $version $node in sync with the active $peer (pid $(cat "$pidfile"), log $log)"
            return
        elif (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "artemis.sh: Artemis $version $node listening on 127.0.0.1:$port (pid $(cat "$pidfile"), log $log)"
            return
        fi
        kill -0 "$(cat "$pidfile")" 2>/dev/null || die "the broker exited; see $log"
        sleep 1
    done
    die "the $node broker is not ready on $port after 120 s; see $log"
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

pair() {
    local primary_port="${ARTEMIS_PORT:-61716}" backup_port="${ARTEMIS_BACKUP_PORT:-61726}"
    case "$1" in
        start)
            download
            # Both instances made side by side (artemis create is slow), then started one after the other.
            local made=()
            (node primary "$primary_port" "127.0.0.1:$backup_port"; [[ -d "$instance" ]] || create) & made+=($!)
            (node backup "$backup_port" "127.0.0.1:$primary_port"; [[ -d "$instance" ]] || create) & made+=($!)
            wait "${made[0]}" && wait "${made[1]}" || die "could not create the pair's instances"
            node primary "$primary_port" "127.0.0.1:$backup_port"; start
            node backup "$backup_port" "127.0.0.1:$primary_port"; start
            echo "artemis.sh: hub.broker.url=(tcp://127.0.0.1:$primary_port,tcp://127.0.0.1:$backup_port)?ha=true&reconnectAttempts=-1" ;;
        stop)
            node backup "$backup_port" "127.0.0.1:$primary_port"; stop
            node primary "$primary_port" "127.0.0.1:$backup_port"; stop ;;
    esac
}

case "${1:-}" in
    start) node "${ARTEMIS_NODE:-single}"; start ;;
    stop) node "${ARTEMIS_NODE:-single}"; stop ;;
    run) node "${ARTEMIS_NODE:-single}"; run ;;
    download) download ;;
    pair-start) pair start ;;
    pair-stop) pair stop ;;
    *) die "usage: $0 start|stop|run|download|pair-start|pair-stop" ;;
esac
