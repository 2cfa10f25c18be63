#!/usr/bin/env bash
# Where the gateway's CPU goes: JDK Flight Recorder over a saturated unauthenticated route,
# then over the full RS256 edge path, each summarized as hot methods (docs/BENCHMARKS.md).
#
#   bench/profile-gateway.sh     after bench/run.sh has built the jars
#   BENCH_GATEWAY_ENV="NAME=value ..." bench/profile-gateway.sh    the same with settings changed
#
# Also prints the gateway's CPU time per request (utime+stime from /proc), the number to
# compare between settings.
# Writes bench/results/profile-public.jfr, profile-rs256.jfr and profile.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SECONDS_PER_PROFILE=${BENCH_PROFILE_SECONDS:-20}
STUB_PORT=18090 GATEWAY_PORT=18092 GATEWAY_MANAGEMENT_PORT=19092
RESULTS=$ROOT/bench/results
WORK=$(mktemp -d "/tmp/edgepass-profile.XXXXXX")
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH="$JAVA_HOME/bin:$PATH"
# Cores as in bench/run.sh: the gateway on the upper half, the stub and wrk on the lower.
NCPU=$(nproc)
if [ "$NCPU" -ge 2 ]; then
  ON_EDGE=(taskset -c "$((NCPU / 2))-$((NCPU - 1))") ON_LOAD=(taskset -c "0-$((NCPU / 2 - 1))")
else
  ON_EDGE=() ON_LOAD=()
fi

java -Djarmode=tools -jar bench/target/benchmarks.jar extract --destination "$WORK/app" >/dev/null
CP=$WORK/app/benchmarks.jar
java -cp "$CP" io.edgepass.bench.BenchCommand tokens "$WORK/tokens" 20000 >/dev/null
"${ON_LOAD[@]}" java -Xms256m -Xmx256m -cp "$CP" io.edgepass.bench.BenchCommand stub $STUB_PORT "$WORK/tokens/jwks.json" >"$WORK/stub.log" 2>&1 &
PIDS+=($!)
SERVER_PORT=$GATEWAY_PORT MANAGEMENT_SERVER_PORT=$GATEWAY_MANAGEMENT_PORT \
  EDGEPASS_AUTH_URL="http://127.0.0.1:$STUB_PORT" EDGEPASS_ORDERS_URL="http://127.0.0.1:$STUB_PORT" \
  EDGEPASS_PROFILE_URL="http://127.0.0.1:$STUB_PORT" EDGEPASS_JWKS_URL="http://127.0.0.1:$STUB_PORT/bench/jwks.json" \
  EDGEPASS_ISSUER=http://localhost:8080 EDGEPASS_AUDIENCE=edgepass-api \
  EDGEPASS_EDGE_MASTER_SECRET="$(head -c 32 /dev/urandom | base64)" EDGEPASS_REDIS_URL= \
  EDGEPASS_RATE_LIMIT_USER_PER_SECOND=1000000 EDGEPASS_RATE_LIMIT_USER_BURST=1000000 \
  env ${BENCH_GATEWAY_ENV:-} "${ON_EDGE[@]}" java -Xms512m -Xmx512m -XX:FlightRecorderOptions:stackdepth=512 -jar gateway/target/gateway.jar >"$WORK/gateway.log" 2>&1 &
GATEWAY_PID=$!; PIDS+=($GATEWAY_PID)
until curl -fsS -o /dev/null "http://127.0.0.1:$GATEWAY_MANAGEMENT_PORT/actuator/health/readiness" 2>/dev/null; do
  kill -0 $GATEWAY_PID || { tail -30 "$WORK/gateway.log"; exit 1; }
  sleep 0.5
done

# The JIT needs about a minute of traffic on two cores: warm-ups of 60 s and 30 s.
profile() { # name url token-file|"" warm-up
  local name=$1 url=$2
  local args=(-t2 -c64 --timeout 5s)
  if [ -n "$3" ]; then
    export BENCH_HEADER_NAME=Authorization BENCH_HEADER_PREFIX="Bearer " BENCH_HEADER_FILE=$3 BENCH_THREADS=2
    args+=(-s bench/wrk/header-pool.lua)
  fi
  "${ON_LOAD[@]}" wrk "${args[@]}" -d"$4" "$url" >/dev/null
  jcmd $GATEWAY_PID JFR.start name="$name" settings=profile >/dev/null
  local before after
  before=$(sed 's/^.*) //' /proc/$GATEWAY_PID/stat | awk '{print $12 + $13}')
  "${ON_LOAD[@]}" wrk "${args[@]}" -d"${SECONDS_PER_PROFILE}s" "$url" >"$WORK/$name.wrk"
  after=$(sed 's/^.*) //' /proc/$GATEWAY_PID/stat | awk '{print $12 + $13}')
  jcmd $GATEWAY_PID JFR.stop name="$name" filename="$RESULTS/profile-$name.jfr" >/dev/null
  grep -E 'Requests/sec|Non-2xx' "$WORK/$name.wrk" || true
  awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" '/requests in/ {printf "gateway CPU per request: %.0f us (JFR on)\n", ticks * 1e6 / hz / $1}' "$WORK/$name.wrk"
}
{
  echo "# Gateway profiles (JFR, ${SECONDS_PER_PROFILE} s at saturation each)"
  echo "Settings changed: ${BENCH_GATEWAY_ENV:-none}"
  for run in public rs256; do
    echo
    echo "## $run"
    echo '```'
    if [ $run = public ]; then
      profile public "http://127.0.0.1:$GATEWAY_PORT/.well-known/jwks.json" "" 60s
    else
      profile rs256 "http://127.0.0.1:$GATEWAY_PORT/orders" "$WORK/tokens/rs256.tokens" 30s
    fi
    jfr print --json --events jdk.ExecutionSample "$RESULTS/profile-$run.jfr" | python3 bench/jfr-breakdown.py
    jfr view --width 160 hot-methods "$RESULTS/profile-$run.jfr" | head -25
    echo '```'
  done
} | tee "$RESULTS/profile.md"
