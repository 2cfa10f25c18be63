#!/usr/bin/env bash
# The edge benchmark in one command (method and results: docs/BENCHMARKS.md).
#
#   bench/run.sh            everything, about 12-14 minutes on 2 cores
#   BENCH_SKIP_BUILD=1 ...       reuse the jars already in */target
#   BENCH_JFR=1 ...              also record the first gateway with JDK Flight Recorder
#   BENCH_EDGE_CPUS=1 BENCH_LOAD_CPUS=0 ...   which cores the edge under test and the rest get
#
# Needs a JDK 21+, wrk and nginx (installed with apt-get when missing and run as root),
# Redis at 127.0.0.1:6379 and PostgreSQL at 127.0.0.1:5432 (user postgres, trust).
# Everything listens on 127.0.0.1 only. Writes bench/results/latest.md and the raw
# measurements under bench/results/raw/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

DURATION=${BENCH_DURATION:-10}          # seconds of each measured run
THREADS=${BENCH_THREADS:-2}             # wrk threads
CONNECTIONS=${BENCH_CONNECTIONS:-64}    # wrk connections, and the fixed-rate generator's
POOL=${BENCH_POOL:-20000}               # distinct tokens per algorithm, and sessions
LOAD_SHARE=${BENCH_LOAD_SHARE:-70}      # fixed rate, % of the slowest variant's saturation
STORM_SHARE=${BENCH_STORM_SHARE:-25}    # steady traffic during the storm, % of the full edge's saturation
STORM_CONNECTIONS=${BENCH_STORM_CONNECTIONS:-64}
STORM_THINK_MS=${BENCH_STORM_THINK_MS:-500}   # each login connection's pause after an answer: up to 128 logins/s
STORM_USERS=20
REDIS_HOST=127.0.0.1 REDIS_PORT=6379
PG_HOST=127.0.0.1 PG_PORT=5432

STUB_PORT=18090 NGINX_PORT=18091 GATEWAY_PORT=18092 SESSION_EDGE_PORT=18093 AUTH_PORT=18094 STORM_GATEWAY_PORT=18095
PEER_PORT=18096
GATEWAY_MANAGEMENT_PORT=19092 AUTH_MANAGEMENT_PORT=19094 STORM_GATEWAY_MANAGEMENT_PORT=19095

RESULTS=$ROOT/bench/results
RAW=$RESULTS/raw
RUN_ID=$(date -u +%Y%m%d%H%M%S)-$$
WORK=$(mktemp -d "/tmp/edgepass-bench.XXXXXX")
DATABASE=edgepass_bench_${RUN_ID//-/_}
SESSION_NAMESPACE=edgepass-bench-$RUN_ID
PIDS=()

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "${DATABASE_CREATED:-}" ]; then
    psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -qc "DROP DATABASE IF EXISTS $DATABASE WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" --scan --pattern "$SESSION_NAMESPACE:*" 2>/dev/null \
    | xargs -r -n 500 redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" unlink >/dev/null 2>&1 || true
  if [ $status -ne 0 ]; then log "logs kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- tools -----------------------------------------------------------------------------
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
    if [ -x "$candidate/bin/java" ]; then export JAVA_HOME="$candidate"; break; fi
  done
fi
[ -n "${JAVA_HOME:-}" ] || die "no JDK 21+ found: set JAVA_HOME"
export PATH="$JAVA_HOME/bin:$PATH"
if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing wrk and nginx-light"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light >/dev/null
  else
    die "wrk and nginx are needed: sudo apt-get install -y wrk nginx-light"
  fi
fi
redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping >/dev/null 2>&1 || die "Redis is not answering at $REDIS_HOST:$REDIS_PORT"
pg_isready -h "$PG_HOST" -p "$PG_PORT" -q || die "PostgreSQL is not answering at $PG_HOST:$PG_PORT"
for port in $STUB_PORT $NGINX_PORT $GATEWAY_PORT $SESSION_EDGE_PORT $AUTH_PORT $STORM_GATEWAY_PORT $PEER_PORT \
    $GATEWAY_MANAGEMENT_PORT $AUTH_MANAGEMENT_PORT $STORM_GATEWAY_MANAGEMENT_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then die "port $port is already in use"; fi
done

# --- cores ---------------------------------------------------------------------------
# The edge under test (nginx, the gateways, the session edge) runs on its own cores and
# everything else (load generators, the stub, auth-service) on the others, as a pod with its
# own CPU limit would: what the load generator spends is not taken from the edge it measures,
# and a login storm's hashing is not taken from the gateway (docs/BENCHMARKS.md, findings 5
# and 10). On one core nothing is pinned.
NCPU=$(nproc)
cpu_range() { if [ "$1" = "$2" ]; then echo "$1"; else echo "$1-$2"; fi; }
if [ "$NCPU" -ge 2 ]; then
  EDGE_CPUS=${BENCH_EDGE_CPUS:-$(cpu_range $((NCPU / 2)) $((NCPU - 1)))}
  LOAD_CPUS=${BENCH_LOAD_CPUS:-$(cpu_range 0 $((NCPU / 2 - 1)))}
  ON_EDGE=(taskset -c "$EDGE_CPUS") ON_LOAD=(taskset -c "$LOAD_CPUS")
else
  EDGE_CPUS=all LOAD_CPUS=all ON_EDGE=() ON_LOAD=()
fi
EDGE_CPU_COUNT=$("${ON_EDGE[@]}" nproc)
LOAD_CPU_COUNT=$("${ON_LOAD[@]}" nproc)

# --- build -----------------------------------------------------------------------------
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  log "building gateway, auth-service and benchmarks (no tests)"
  # Spring Boot's repackaging may keep a jar whose own classes did not change although a module
  # it bundles did: remove them so every run measures the code as it is.
  rm -f gateway/target/gateway.jar auth-service/target/auth-service.jar bench/target/benchmarks.jar
  ./mvnw -B -ntp -q package -pl gateway,auth-service,bench -am -DskipTests >"$WORK/build.log" 2>&1 \
    || { tail -40 "$WORK/build.log"; die "build"; }
fi
for jar in gateway/target/gateway.jar auth-service/target/auth-service.jar bench/target/benchmarks.jar; do
  [ -f "$jar" ] || die "$jar is missing: run without BENCH_SKIP_BUILD"
done
java -Djarmode=tools -jar bench/target/benchmarks.jar extract --destination "$WORK/app" >/dev/null
BENCH_CP=$WORK/app/benchmarks.jar
bench() { "${ON_LOAD[@]}" java --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xmx1g -cp "$BENCH_CP" io.edgepass.bench.BenchCommand "$@"; }
# The fixed-rate generator is a fresh JVM per measurement: with C2 it compiled for most of its
# run and took about 0.75 of a core at 900 req/s, which the edge under test then lacked
# (finding 10 of docs/BENCHMARKS.md); C1 alone is enough for it and costs half as much. Its
# young generation holds a whole run: a 95 ms collection of its own once landed in a measurement.
bench_load() { "${ON_LOAD[@]}" java --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xms1g -Xmx1g -Xmn800m -cp "$BENCH_CP" io.edgepass.bench.BenchCommand load "$@"; }

rm -rf "$RAW" && mkdir -p "$RAW"
{
  echo "started=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "wrk=$THREADS threads, $CONNECTIONS connections, ${DURATION} s after 3 s of warm-up"
  echo "gateway=as shipped, rate limits in memory (no Redis) set far above the load, access log on"
  echo "cores=the edge under test on CPU $EDGE_CPUS ($EDGE_CPU_COUNT), load generators, stub and auth-service on CPU $LOAD_CPUS; Redis and PostgreSQL unpinned"
  echo "fixed=${DURATION} s after 2 s of warm-up, at $LOAD_SHARE % of the slowest variant's saturation in its group (ES256 and EdDSA: of their own), up to $CONNECTIONS connections"
} >"$RAW/settings.txt"
{
  echo "nproc: $(nproc)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p')"
  echo "memory: $(free -h | awk '/^Mem:/ {print $2}')"
  echo "kernel: $(uname -r)"
  echo "jdk: $(java -version 2>&1 | head -2 | tail -1)"
  echo "wrk: $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
  echo "nginx: $(nginx -v 2>&1 | cut -d/ -f2)"
  echo "redis: $(redis-cli -h $REDIS_HOST -p $REDIS_PORT info server | sed -n 's/^redis_version://p' | tr -d '\r')"
  echo "postgresql: $(psql -h $PG_HOST -p $PG_PORT -U postgres -Atc 'show server_version')"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$RAW/machine.txt"

# --- processes -------------------------------------------------------------------------
wait_for() { # url seconds pid log
  local deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    kill -0 "$3" 2>/dev/null || { tail -30 "$4" >&2; die "the process behind $1 died (log above)"; }
    [ $SECONDS -lt $deadline ] || { tail -30 "$4" >&2; die "$1 did not answer in time"; }
    sleep 0.5
  done
}
# Heaps fixed and touched at start, so that resident memory grows only with what is not heap.
JVM_OPTS=(-Xms512m -Xmx512m -XX:+AlwaysPreTouch)
EDGE_SECRET=$(head -c 32 /dev/urandom | base64)
edge_key() { # a service's own assertion key, derived from the gateway's master as EdgeAssertionKeys does
  openssl kdf -keylen 32 -kdfopt digest:SHA256 -kdfopt hexkey:"$(echo "$1" | base64 -d | xxd -p -c 256)" \
    -kdfopt info:"$2" -binary HKDF | base64
}

log "minting $POOL tokens per algorithm"
bench tokens "$WORK/tokens" "$POOL" >"$WORK/tokens.log"
head -1 "$WORK/tokens/rs256.tokens" >"$WORK/tokens/rs256-one.tokens"

log "starting the stub upstream"
# The stub and the session edge (Reactor Netty, like the gateway) get one event loop per core
# they may use, as the gateway does by default (finding 11).
"${ON_LOAD[@]}" java -Xms256m -Xmx256m -Dreactor.netty.ioWorkerCount="$LOAD_CPU_COUNT" -cp "$BENCH_CP" io.edgepass.bench.BenchCommand stub $STUB_PORT "$WORK/tokens/jwks.json" >"$WORK/stub.log" 2>&1 &
STUB_PID=$!; PIDS+=($STUB_PID)
wait_for "http://127.0.0.1:$STUB_PORT/orders" 60 $STUB_PID "$WORK/stub.log"

log "starting nginx"
mkdir -p "$WORK/nginx"
sed -e "s|@WORK@|$WORK/nginx|g" -e "s|@PORT@|$NGINX_PORT|g" -e "s|@WORKERS@|$EDGE_CPU_COUNT|g" -e "s|@UPSTREAM@|127.0.0.1:$STUB_PORT|g" \
  bench/nginx.conf >"$WORK/nginx/nginx.conf"
"${ON_EDGE[@]}" nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' >"$WORK/nginx/stdout.log" 2>&1 &
NGINX_PID=$!; PIDS+=($NGINX_PID)
wait_for "http://127.0.0.1:$NGINX_PORT/orders" 30 $NGINX_PID "$WORK/nginx/error.log"

# Without Redis the gateway limits in memory: every load here comes from one address and few
# users, so the limits are set far above it (the check per request stays, it is measured).
BENCH_UNLIMITED="EDGEPASS_RATE_LIMIT_USER_PER_SECOND=1000000 EDGEPASS_RATE_LIMIT_USER_BURST=1000000 EDGEPASS_RATE_LIMIT_LOGIN_PER_SECOND=1000000 EDGEPASS_RATE_LIMIT_LOGIN_BURST=1000000"
gateway_env() { # port management-port auth-url
  echo SERVER_PORT="$1" MANAGEMENT_SERVER_PORT="$2" \
    EDGEPASS_AUTH_URL="$3" EDGEPASS_ORDERS_URL="http://127.0.0.1:$STUB_PORT" \
    EDGEPASS_PROFILE_URL="http://127.0.0.1:$STUB_PORT" \
    EDGEPASS_JWKS_URL="http://127.0.0.1:$STUB_PORT/bench/jwks.json" \
    EDGEPASS_ISSUER=http://localhost:8080 EDGEPASS_AUDIENCE=edgepass-api \
    EDGEPASS_TOKEN_ALGORITHMS=RS256,ES256,EdDSA,HS256 \
    EDGEPASS_TOKEN_HS256_SECRET="$(cat "$WORK/tokens/hs256.secret")" \
    EDGEPASS_EDGE_MASTER_SECRET="$EDGE_SECRET" EDGEPASS_REDIS_URL= \
    EDGEPASS_DPOP_PROOF_WINDOW=600s EDGEPASS_DPOP_REPLAY_CACHE_SIZE=1000000 \
    $BENCH_UNLIMITED
}
JFR_OPTS=()
if [ "${BENCH_JFR:-0}" = 1 ]; then
  JFR_OPTS=("-XX:StartFlightRecording=filename=$RESULTS/gateway.jfr,settings=profile")
fi
log "starting the gateway (every upstream and the JWKS on the stub)"
env $(gateway_env $GATEWAY_PORT $GATEWAY_MANAGEMENT_PORT "http://127.0.0.1:$STUB_PORT") \
  "${ON_EDGE[@]}" java "${JVM_OPTS[@]}" "${JFR_OPTS[@]}" -jar gateway/target/gateway.jar >"$WORK/gateway.log" 2>&1 &
GATEWAY_PID=$!; PIDS+=($GATEWAY_PID)

log "starting the session-versus-JWT edge"
BENCH_SESSION_EDGE_PORT=$SESSION_EDGE_PORT BENCH_UPSTREAM_URL="http://127.0.0.1:$STUB_PORT" \
  BENCH_JWKS_URL="http://127.0.0.1:$STUB_PORT/bench/jwks.json" BENCH_SESSION_NAMESPACE="$SESSION_NAMESPACE" \
  BENCH_REDIS_URL="redis://$REDIS_HOST:$REDIS_PORT" \
  "${ON_EDGE[@]}" java "${JVM_OPTS[@]}" -Dreactor.netty.ioWorkerCount="$EDGE_CPU_COUNT" -cp "$BENCH_CP" io.edgepass.bench.BenchCommand session-edge >"$WORK/session-edge.log" 2>&1 &
SESSION_EDGE_PID=$!; PIDS+=($SESSION_EDGE_PID)

log "starting the peer: a bare Spring Cloud Gateway with Spring Security's resource server"
# Same heap, flags, pinning and event loops (one per core, as the gateway's main sets) as the gateway.
BENCH_PEER_PORT=$PEER_PORT BENCH_UPSTREAM_URL="http://127.0.0.1:$STUB_PORT" \
  BENCH_JWKS_URL="http://127.0.0.1:$STUB_PORT/bench/jwks.json" \
  "${ON_EDGE[@]}" java "${JVM_OPTS[@]}" -cp "$BENCH_CP" io.edgepass.bench.BenchCommand peer >"$WORK/peer.log" 2>&1 &
PEER_PID=$!; PIDS+=($PEER_PID)

wait_for "http://127.0.0.1:$GATEWAY_MANAGEMENT_PORT/actuator/health/readiness" 120 $GATEWAY_PID "$WORK/gateway.log"
wait_for "http://127.0.0.1:$PEER_PORT/.well-known/jwks.json" 120 $PEER_PID "$WORK/peer.log"
curl -fsS -X POST "http://127.0.0.1:$SESSION_EDGE_PORT/bench/sessions?count=1" -o /dev/null --retry 60 --retry-delay 1 --retry-all-errors \
  || die "the session edge did not start"
log "creating $POOL sessions in Redis"
curl -fsS -X POST "http://127.0.0.1:$SESSION_EDGE_PORT/bench/sessions?count=$POOL" -o "$WORK/sessions.txt"

# --- measurement helpers ---------------------------------------------------------------
ticks() { # pids...: utime+stime summed, in clock ticks
  local total=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] || continue
    total=$((total + $(sed 's/^.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')))
  done
  echo $total
}
REDIS_PID=$(pgrep -x redis-server | head -1 || true)
nginx_pids() { echo "$NGINX_PID $(pgrep -P "$NGINX_PID" | tr '\n' ' ')"; }
cpu_snapshot() {
  echo "stub=$(ticks $STUB_PID) nginx=$(ticks $(nginx_pids)) gateway=$(ticks $GATEWAY_PID) session-edge=$(ticks $SESSION_EDGE_PID) peer=$(ticks $PEER_PID) redis=$(ticks $REDIS_PID)"
}
cpu_delta() { # before after
  local before after
  read -ra before <<<"$1"; read -ra after <<<"$2"
  echo "clk_tck=$(getconf CLK_TCK)"
  for i in "${!before[@]}"; do
    echo "${before[$i]%%=*}=$(( ${after[$i]#*=} - ${before[$i]#*=} ))"
  done
}
run_wrk() { # seconds url [header prefix file [proof-header]]
  local seconds=$1 url=$2
  if [ $# -gt 2 ]; then
    BENCH_HEADER_NAME=$3 BENCH_HEADER_PREFIX=$4 BENCH_HEADER_FILE=$5 BENCH_PROOF_HEADER=${6:-} BENCH_THREADS=$THREADS \
      "${ON_LOAD[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency --timeout 5s -s bench/wrk/header-pool.lua "$url"
  else
    "${ON_LOAD[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency --timeout 5s "$url"
  fi
}

declare -A URL
variant() { # id group description proxy-process url
  printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$RAW/variants.tsv"
  URL[$1]=$5
}
G=http://127.0.0.1:$GATEWAY_PORT S=http://127.0.0.1:$SESSION_EDGE_PORT P=http://127.0.0.1:$PEER_PORT T=$WORK/tokens
variant direct          edge    "direct to the stub (ceiling)"                   stub          "http://127.0.0.1:$STUB_PORT/orders"
variant nginx           edge    "nginx proxy_pass (proxy baseline)"              nginx         "http://127.0.0.1:$NGINX_PORT/orders"
variant peer-public     edge    "peer (bare SCG + resource server), public route" peer         "$P/.well-known/jwks.json"
variant peer-rs256      edge    "peer, RS256, unique tokens"                     peer          "$P/orders"
variant peer-rs256-reused edge  "peer, RS256, one reused token"                  peer          "$P/orders"
variant gw-public       edge    "gateway, unauthenticated route"                 gateway       "$G/.well-known/jwks.json"
variant gw-rs256        edge    "gateway full edge, RS256, unique tokens"        gateway       "$G/orders"
variant gw-rs256-reused edge    "gateway full edge, RS256, one reused token"     gateway       "$G/orders"
variant gw-es256        edge    "gateway full edge, ES256, unique tokens"        gateway       "$G/orders"
variant gw-eddsa        edge    "gateway full edge, EdDSA, unique tokens"        gateway       "$G/orders"
variant gw-hs256        edge    "gateway full edge, HS256, unique tokens"        gateway       "$G/orders"
variant gw-rs256-dpop-es256 edge "gateway full edge, RS256 token + ES256 DPoP proof" gateway      "$G/orders"
variant gw-rs256-dpop-eddsa edge "gateway full edge, RS256 token + EdDSA DPoP proof" gateway      "$G/orders"
variant se-session      session "Spring edge app, Redis session (Spring Session)" session-edge "$S/session/orders"
variant se-jwt          session "Spring edge app, RS256 JWT (resource server)"   session-edge  "$S/jwt/orders"
IDS=(direct nginx peer-public peer-rs256 peer-rs256-reused gw-public gw-rs256 gw-rs256-reused gw-es256 gw-eddsa gw-hs256
  gw-rs256-dpop-es256 gw-rs256-dpop-eddsa se-session se-jwt)

# DPoP proofs are good for one request and go stale: every run of a DPoP variant gets its own
# file of "token<TAB>proof" lines, minted just before it, one line per request it can send (the
# gateway's proof window is raised to 600 s so that minting and the run fit well within it).
# Their htu is the gateway's issuer (EDGEPASS_ISSUER above) with the path requested.
DPOP_HTU=http://localhost:8080/orders
dpop_rate_bound() { # more requests per second than a DPoP run can send: the RS256 edge does less work
  if [ -f "$RAW/gw-rs256.wrk" ]; then echo $(( $(requests_per_second gw-rs256) * 5 / 4 )); else echo "${BENCH_DPOP_RATE_BOUND:-5000}"; fi
}
mint_proofs() { # id count: writes $WORK/<id>.proofs
  local alg=${1#gw-rs256-dpop-}
  bench proofs "$T/dpop-$alg.jwk" "$T/rs256-dpop-$alg.tokens" "$2" "$DPOP_HTU" "$WORK/$1.proofs" >>"$WORK/proofs.log"
}

# Which credentials each variant sends (header values contain a space, so spelled out).
wrk_for() { # seconds id
  local seconds=$1 id=$2
  case $id in
    gw-rs256|se-jwt|peer-rs256) run_wrk "$seconds" "${URL[$id]}" Authorization "Bearer " "$T/rs256.tokens" ;;
    gw-rs256-reused|peer-rs256-reused) run_wrk "$seconds" "${URL[$id]}" Authorization "Bearer " "$T/rs256-one.tokens" ;;
    gw-es256) run_wrk "$seconds" "${URL[$id]}" Authorization "Bearer " "$T/es256.tokens" ;;
    gw-eddsa) run_wrk "$seconds" "${URL[$id]}" Authorization "Bearer " "$T/eddsa.tokens" ;;
    gw-hs256) run_wrk "$seconds" "${URL[$id]}" Authorization "Bearer " "$T/hs256.tokens" ;;
    gw-rs256-dpop-*)
      mint_proofs "$id" $(( $(dpop_rate_bound) * seconds + 1000 ))
      run_wrk "$seconds" "${URL[$id]}" Authorization "DPoP " "$WORK/$id.proofs" DPoP ;;
    se-session) run_wrk "$seconds" "${URL[$id]}" Cookie "SESSION=" "$WORK/sessions.txt" ;;
    *) run_wrk "$seconds" "${URL[$id]}" ;;
  esac
}
load_for() { # rate id
  local rate=$1 id=$2 url=${URL[$2]}
  case $id in
    gw-rs256|se-jwt|peer-rs256) bench_load "$url" "$rate" "$DURATION" Authorization "Bearer " "$T/rs256.tokens" ;;
    gw-rs256-reused|peer-rs256-reused) bench_load "$url" "$rate" "$DURATION" Authorization "Bearer " "$T/rs256-one.tokens" ;;
    gw-es256) bench_load "$url" "$rate" "$DURATION" Authorization "Bearer " "$T/es256.tokens" ;;
    gw-eddsa) bench_load "$url" "$rate" "$DURATION" Authorization "Bearer " "$T/eddsa.tokens" ;;
    gw-hs256) bench_load "$url" "$rate" "$DURATION" Authorization "Bearer " "$T/hs256.tokens" ;;
    gw-rs256-dpop-*) # 2 s of warm-up, then the measured seconds
      mint_proofs "$id" $(( rate * (DURATION + 2) * 21 / 20 + 100 ))
      bench_load "$url" "$rate" "$DURATION" Authorization "DPoP " "$WORK/$id.proofs" DPoP ;;
    se-session) bench_load "$url" "$rate" "$DURATION" Cookie "SESSION=" "$WORK/sessions.txt" ;;
    *) bench_load "$url" "$rate" "$DURATION" ;;
  esac
}
requests_per_second() { sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$RAW/$1.wrk" | cut -d. -f1; }

# --- saturation ------------------------------------------------------------------------
# A Spring edge needs about a minute of traffic before C2 has compiled its hot paths (CPU per
# request falls several-fold meanwhile); each edge is warmed alone on the edge cores, every
# route it serves, before anything is measured.
log "warming up the gateway (JIT) for 74 s, the peer for 40 s, then the session edge for 40 s"
( wrk_for 20 gw-rs256; wrk_for 5 gw-rs256-reused; wrk_for 15 gw-public; wrk_for 7 gw-es256; wrk_for 7 gw-eddsa
  wrk_for 6 gw-hs256; wrk_for 7 gw-rs256-dpop-es256; wrk_for 7 gw-rs256-dpop-eddsa; wrk_for 20 peer-rs256; wrk_for 5 peer-rs256-reused; wrk_for 15 peer-public
  wrk_for 20 se-session; wrk_for 20 se-jwt ) >/dev/null
for id in "${IDS[@]}"; do
  log "saturation: $id"
  wrk_for 3 "$id" >/dev/null
  before=$(cpu_snapshot)
  wrk_for "$DURATION" "$id" >"$RAW/$id.wrk"
  after=$(cpu_snapshot)
  cpu_delta "$before" "$after" >"$RAW/$id.cpu"
  grep -q 'Requests/sec' "$RAW/$id.wrk" || die "wrk failed for $id: $(cat "$RAW/$id.wrk")"
done

# --- fixed rate ------------------------------------------------------------------------
slowest() { local min=0 id rps; for id in "$@"; do rps=$(requests_per_second "$id"); if [ $min = 0 ] || [ "$rps" -lt $min ]; then min=$rps; fi; done; echo $min; }
# One rate for the proxies and the RS256/HS256 edge: LOAD_SHARE of the slowest of those, so that
# the full edge sits at that load and the others meet the same offered load. ES256 and EdDSA
# cost twice as much per request, and a DPoP proof adds a signature check: they get LOAD_SHARE
# of their own saturation.
EDGE_RATE=$(( $(slowest gw-public gw-rs256 gw-rs256-reused gw-hs256) * LOAD_SHARE / 100 ))
SESSION_RATE=$(( $(slowest se-session se-jwt) * LOAD_SHARE / 100 ))
for id in "${IDS[@]}"; do
  rate=$EDGE_RATE
  case $id in
    se-*) rate=$SESSION_RATE ;;
    gw-es256|gw-eddsa|gw-rs256-dpop-*) rate=$(( $(requests_per_second "$id") * LOAD_SHARE / 100 )) ;;
  esac
  log "fixed rate: $id at $rate req/s"
  load_for "$rate" "$id" >"$RAW/$id.rate"
done

if [ "${BENCH_JFR:-0}" = 1 ]; then
  jcmd $GATEWAY_PID JFR.dump filename="$RESULTS/gateway.jfr" >/dev/null || true
fi
grep -o 'status=[0-9-]*' "$WORK/gateway.log" | sort | uniq -c >"$RAW/gateway-statuses.txt" || true
kill $GATEWAY_PID $SESSION_EDGE_PID $NGINX_PID $PEER_PID; wait $GATEWAY_PID $SESSION_EDGE_PID $NGINX_PID $PEER_PID 2>/dev/null || true

# --- login storm -----------------------------------------------------------------------
# auth-service as shipped (Argon2id on one thread less than it has cores, at least one), on
# the load cores at the lowest priority (nice 19), behind a second gateway on the edge cores.
# Deployed, auth-service has CPUs of its own; here it shares the load cores with the stub (the
# steady traffic's upstream) and the generators, and at equal priority its hashing starved
# them: the steady traffic then measured a starved upstream and generator, not the gateway.
createdb -h "$PG_HOST" -p "$PG_PORT" -U postgres "$DATABASE"; DATABASE_CREATED=1
KEY_ENCRYPTION_KEY=$(head -c 32 /dev/urandom | base64)
start_auth() {
  env SERVER_PORT=$AUTH_PORT MANAGEMENT_SERVER_PORT=$AUTH_MANAGEMENT_PORT \
    SPRING_DATASOURCE_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$DATABASE" SPRING_DATASOURCE_USERNAME=postgres \
    EDGEPASS_EDGE_SECRET="$(edge_key "$EDGE_SECRET" auth-service)" EDGEPASS_KEY_ENCRYPTION_KEY="$KEY_ENCRYPTION_KEY" \
    EDGEPASS_ISSUER=http://localhost:8080 \
    "${ON_LOAD[@]}" nice -n 19 java "${JVM_OPTS[@]}" -jar auth-service/target/auth-service.jar >>"$WORK/auth-service.log" 2>&1 &
  AUTH_PID=$!; PIDS+=($AUTH_PID)
  wait_for "http://127.0.0.1:$AUTH_MANAGEMENT_PORT/actuator/health/readiness" 180 $AUTH_PID "$WORK/auth-service.log"
}
log "login storm: starting auth-service on database $DATABASE and a gateway in front of it"
env $(gateway_env $STORM_GATEWAY_PORT $STORM_GATEWAY_MANAGEMENT_PORT "http://127.0.0.1:$AUTH_PORT") \
  "${ON_EDGE[@]}" java "${JVM_OPTS[@]}" -jar gateway/target/gateway.jar >"$WORK/storm-gateway.log" 2>&1 &
STORM_GATEWAY_PID=$!; PIDS+=($STORM_GATEWAY_PID)
start_auth
wait_for "http://127.0.0.1:$STORM_GATEWAY_MANAGEMENT_PORT/actuator/health/readiness" 120 $STORM_GATEWAY_PID "$WORK/storm-gateway.log"
STORM_PASSWORD="storm-password-$RUN_ID"
SG=http://127.0.0.1:$STORM_GATEWAY_PORT
for i in $(seq 0 $((STORM_USERS - 1))); do
  curl -fsS -o /dev/null -X POST "$SG/auth/register" -H 'Content-Type: application/json' \
    -d "{\"username\":\"storm-$i\",\"password\":\"$STORM_PASSWORD\"}" || die "registering storm-$i"
done
STORM_RATE=$(( $(requests_per_second gw-rs256) * STORM_SHARE / 100 ))
log "login storm: warming up the new gateway (JIT) for 30 s"
run_wrk 30 "$SG/orders" Authorization "Bearer " "$T/rs256.tokens" >/dev/null
rss() { awk -v key="$2:" '$1 == key {print $2}' "/proc/$1/status"; }
storm() { # name
  local name=$1 auth_before gateway_before auth_peak=0 gateway_peak=0 auth_after bounded=false a g storm_pid steady_pid
  log "$name: warm-up, then steady traffic alone at $STORM_RATE req/s"
  BENCH_USERS=$STORM_USERS BENCH_PASSWORD=$STORM_PASSWORD \
    "${ON_LOAD[@]}" wrk -t1 -c4 -d5s -s bench/wrk/login.lua "$SG/auth/login" >/dev/null
  run_wrk 5 "$SG/orders" Authorization "Bearer " "$T/rs256.tokens" >/dev/null
  auth_before=$(rss $AUTH_PID VmRSS) gateway_before=$(rss $STORM_GATEWAY_PID VmRSS)
  bench_load "$SG/orders" "$STORM_RATE" "$DURATION" Authorization "Bearer " "$T/rs256.tokens" >"$RAW/$name-baseline.rate"
  log "$name: $STORM_CONNECTIONS connections logging in for $((DURATION + 8)) s, steady traffic measured meanwhile"
  BENCH_USERS=$STORM_USERS BENCH_PASSWORD=$STORM_PASSWORD BENCH_THINK_MS=$STORM_THINK_MS \
    "${ON_LOAD[@]}" wrk -t"$THREADS" -c"$STORM_CONNECTIONS" -d"$((DURATION + 8))s" --latency --timeout 10s -s bench/wrk/login.lua \
    "$SG/auth/login" >"$RAW/$name-logins.wrk" &
  storm_pid=$!
  sleep 3
  bench_load "$SG/orders" "$STORM_RATE" "$DURATION" Authorization "Bearer " "$T/rs256.tokens" >"$RAW/$name-steady.rate" &
  steady_pid=$!
  while kill -0 $storm_pid 2>/dev/null; do
    a=$(rss $AUTH_PID VmRSS); g=$(rss $STORM_GATEWAY_PID VmRSS)
    [ "$a" -gt $auth_peak ] && auth_peak=$a
    [ "$g" -gt $gateway_peak ] && gateway_peak=$g
    sleep 0.5
  done
  wait $storm_pid; wait $steady_pid
  auth_after=$(rss $AUTH_PID VmRSS)
  # Bounded: neither process grows by more than 128 MiB during the storm (heaps fixed at 512 MiB and pre-touched).
  [ $auth_peak -gt 0 ] && [ $((auth_peak - auth_before)) -lt 131072 ] && [ $((gateway_peak - gateway_before)) -lt 131072 ] && bounded=true
  {
    echo "bounded=$bounded"
    echo "summary=RSS growth during the storm: auth-service +$(( (auth_peak - auth_before) / 1024 )) MiB (peak $((auth_peak / 1024)) MiB), gateway +$(( (gateway_peak - gateway_before) / 1024 )) MiB (peak $((gateway_peak / 1024)) MiB); bound +128 MiB each"
    echo "detail=auth-service $((auth_before / 1024)) MiB before the storm, $((auth_peak / 1024)) MiB at its peak, $((auth_after / 1024)) MiB after; gateway $((gateway_before / 1024)) MiB before, $((gateway_peak / 1024)) MiB at its peak (both -Xms512m -Xmx512m, pre-touched)"
  } >"$RAW/$name-memory.txt"
}
storm storm
echo "storm=steady traffic at $STORM_RATE req/s ($STORM_SHARE % of the full edge's saturation) on /orders; $STORM_CONNECTIONS connections logging in as $STORM_USERS users, each pausing $STORM_THINK_MS ms after an answer" >>"$RAW/settings.txt"
grep -o 'route=[a-z-]* status=[0-9-]*' "$WORK/storm-gateway.log" | sort | uniq -c >"$RAW/storm-gateway-statuses.txt" || true
kill $AUTH_PID $STORM_GATEWAY_PID $STUB_PID; wait $AUTH_PID $STORM_GATEWAY_PID $STUB_PID 2>/dev/null || true

# --- JMH -------------------------------------------------------------------------------
if [ "${BENCH_SKIP_JMH:-0}" != 1 ]; then
  log "JMH: token verification per algorithm"
  java -cp "$BENCH_CP" org.openjdk.jmh.Main TokenVerificationBenchmark -f 1 -wi 2 -w 1s -i 2 -r 1s \
    -rf json -rff "$RAW/jmh.json" >"$WORK/jmh.log" 2>&1 || { tail -30 "$WORK/jmh.log"; die "JMH"; }
fi

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$RAW/machine.txt"
bench report "$RAW" "$RESULTS/latest.md" >/dev/null
log "done: $RESULTS/latest.md"
cat "$RESULTS/latest.md"
