#!/usr/bin/env bash
# Edgepass walkthrough: every call of the public API (docs CONTRACT) through the gateway, with curl.
#
#   EDGEPASS_URL=http://localhost:8080 examples/walkthrough.sh
#
# Needs curl; uses jq when present (JQ=jq, set JQ= to use grep/sed instead). Every run registers
# new users, so it can run repeatedly against the same suite. It exits non-zero at the first
# unexpected status, printing the response body (never a token).
# The system tests run it against the real suite; the build runs it against a fake gateway
# (web-client/src/test/js/walkthrough.test.js) and checks its syntax with bash -n.
set -euo pipefail

BASE="${EDGEPASS_URL:-http://localhost:8080}"
BASE="${BASE%/}"
JQ="${JQ-jq}"
if [ -n "$JQ" ] && ! command -v "$JQ" >/dev/null 2>&1; then
  JQ=""
fi
command -v curl >/dev/null 2>&1 || { echo "curl is required" >&2; exit 2; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
BODY="$WORK/body"
HEADERS="$WORK/headers"
STATUS=""
CHECKS=0
RUN="$(date +%s)-$RANDOM"
PASSWORD="walkthrough-password-1"

step() { printf '\n== %s\n' "$*"; }

fail() {
  printf '\nFAILED: %s\n' "$*" >&2
  if [ -s "$BODY" ]; then
    printf 'response body: %s\n' "$(head -c 2000 "$BODY")" >&2
  fi
  exit 1
}

# call EXPECTED METHOD PATH [curl options...]: one request; fails unless the status is EXPECTED.
call() {
  local expected=$1 method=$2 path=$3
  shift 3
  : >"$BODY"
  STATUS=$(curl -sS -o "$BODY" -D "$HEADERS" -w '%{http_code}' -X "$method" "$@" "$BASE$path") \
    || fail "$method $path: no answer from $BASE"
  CHECKS=$((CHECKS + 1))
  printf '  %-6s %-58s %s\n' "$method" "$path" "$STATUS"
  [ "$STATUS" = "$expected" ] || fail "$method $path: expected $expected, got $STATUS"
}

# call_json EXPECTED METHOD PATH JSON [curl options...]
call_json() {
  local expected=$1 method=$2 path=$3 json=$4
  shift 4
  call "$expected" "$method" "$path" -H 'Content-Type: application/json' --data-raw "$json" "$@"
}

bearer() { printf 'Authorization: Bearer %s' "$1"; }

# field NAME: a top-level string or number of the last JSON body (empty if absent).
field() {
  if [ -n "$JQ" ]; then
    "$JQ" -r --arg name "$1" '.[$name] // empty | tostring' "$BODY" 2>/dev/null || true
  else
    # Without jq: drop the outer braces and every nested object and array, then read NAME.
    tr -d '\n' <"$BODY" \
      | sed -e 's/^[[:space:]]*{//' -e 's/}[[:space:]]*$//' -e ':a' -e 's/{[^{}]*}//g' -e 's/\[[^][]*\]//g' -e 'ta' \
      | sed -n -e 's/.*"'"$1"'"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' -e 't' \
        -e 's/.*"'"$1"'"[[:space:]]*:[[:space:]]*\([-0-9.eE+]*\).*/\1/p'
  fi
}

# other_session_id: the id of one of the caller's sessions that is not the current one.
other_session_id() {
  if [ -n "$JQ" ]; then
    "$JQ" -r '[.[] | select(.current == false) | .id][0] // empty | tostring' "$BODY" 2>/dev/null || true
  else
    tr '{}' '\n\n' <"$BODY" | grep '"current"[[:space:]]*:[[:space:]]*false' \
      | sed -n 's/.*"id"[[:space:]]*:[[:space:]]*"\{0,1\}\([^",}]*\)"\{0,1\}.*/\1/p' | head -n 1
  fi
}

# header NAME: a header of the last response.
header() { grep -i "^$1:" "$HEADERS" | tail -n 1 | cut -d: -f2- | sed 's/^[[:space:]]*//' | tr -d '\r'; }

body_has() { grep -q -- "$1" "$BODY" || fail "the response body has no $1"; }

expect_equal() { [ "$2" = "$3" ] || fail "$1: expected '$3', got '$2'"; }

expect_bearer_challenge() {
  header WWW-Authenticate | grep -qi '^Bearer' || fail "401 without WWW-Authenticate: Bearer"
}

# login USERNAME [curl options...]: sets ACCESS and REFRESH.
login() {
  local username=$1
  shift
  call_json 200 POST /auth/login "{\"username\":\"$username\",\"password\":\"$PASSWORD\"}" "$@"
  expect_equal token_type "$(field token_type)" Bearer
  ACCESS=$(field access_token)
  REFRESH=$(field refresh_token)
  [ -n "$ACCESS" ] && [ -n "$REFRESH" ] && [ -n "$(field expires_in)" ] || fail "login answered without tokens"
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# rejected_soon TOKEN: the gateway rejects the access token within the contract's 2 seconds.
rejected_soon() {
  local token=$1 deadline code
  deadline=$(($(now_ms) + 2500))
  while :; do
    code=$(curl -sS -o /dev/null -w '%{http_code}' -H "$(bearer "$token")" "$BASE/orders") || code=000
    [ "$code" = 401 ] && break
    [ "$(now_ms)" -lt "$deadline" ] || fail "a revoked access token still got $code after 2 seconds"
    sleep 0.2
  done
  CHECKS=$((CHECKS + 1))
  printf '  %-6s %-58s %s\n' GET "/orders (revoked token)" 401
}

step "Discovery"
call 200 GET /.well-known/jwks.json
body_has '"keys"'
call 200 GET /.well-known/oauth-authorization-server
body_has '"issuer"'
body_has '"jwks_uri"'

step "Register"
USER="walk-$RUN"
call_json 400 POST /auth/register '{"username":"x","password":"short"}'
call_json 201 POST /auth/register "{\"username\":\"$USER\",\"password\":\"$PASSWORD\",\"displayName\":\"Walk Through\"}"
expect_equal username "$(field username)" "$USER"
USER_ID=$(field id)
call_json 409 POST /auth/register "{\"username\":\"$USER\",\"password\":\"$PASSWORD\"}"

step "Log in"
call_json 401 POST /auth/login "{\"username\":\"$USER\",\"password\":\"wrong-password\"}"
login "$USER" -A "walkthrough/1 device-one"
SESSION_ACCESS=$ACCESS
SESSION_REFRESH=$REFRESH

step "No token, a bad token, a missing scope"
call 401 GET /orders
expect_bearer_challenge
call 401 GET /orders -H "$(bearer not.a.token)"
expect_bearer_challenge
call 403 GET '/orders?all=true' -H "$(bearer "$ACCESS")"
call 403 POST /auth/admin/keys/rotate -H "$(bearer "$ACCESS")"
call 403 POST "/auth/admin/users/$USER_ID/disable" -H "$(bearer "$ACCESS")"
call 403 GET "/profiles/$USER_ID" -H "$(bearer "$ACCESS")"

step "Orders"
ORDER='{"items":[{"sku":"WALK-1","quantity":2,"unitPrice":"9.99"},{"sku":"WALK-2","quantity":1,"unitPrice":"0.50"}],"currency":"EUR"}'
KEY="walkthrough-$RUN"
call_json 201 POST /orders "$ORDER" -H "$(bearer "$ACCESS")" -H "Idempotency-Key: $KEY"
ORDER_ID=$(field id)
[ -n "$ORDER_ID" ] || fail "the created order has no id"
expect_equal total "$(field total)" 20.48
expect_equal status "$(field status)" PLACED
case "$(header Location)" in */orders/"$ORDER_ID") ;; *) fail "Location is not /orders/$ORDER_ID" ;; esac
call_json 201 POST /orders "$ORDER" -H "$(bearer "$ACCESS")" -H "Idempotency-Key: $KEY"
expect_equal "replayed order id" "$(field id)" "$ORDER_ID"
call_json 422 POST /orders '{"items":[{"sku":"WALK-1","quantity":3,"unitPrice":"9.99"}],"currency":"EUR"}' \
  -H "$(bearer "$ACCESS")" -H "Idempotency-Key: $KEY"
call_json 400 POST /orders '{"items":[{"sku":"WALK-1","quantity":0,"unitPrice":"9.99"}],"currency":"EUR"}' -H "$(bearer "$ACCESS")"
call 200 GET '/orders?page=0&size=20' -H "$(bearer "$ACCESS")"
body_has "\"$ORDER_ID\""
body_has '"totalElements"'
call 200 GET "/orders/$ORDER_ID" -H "$(bearer "$ACCESS")"
expect_equal "order owner" "$(field ownerId)" "$USER_ID"
call 404 GET /orders/00000000-0000-4000-8000-000000000000 -H "$(bearer "$ACCESS")"
call 200 POST "/orders/$ORDER_ID/cancel" -H "$(bearer "$ACCESS")"
expect_equal status "$(field status)" CANCELLED
call 409 POST "/orders/$ORDER_ID/cancel" -H "$(bearer "$ACCESS")"

step "Profile"
call 200 GET /profiles/me -H "$(bearer "$ACCESS")"
expect_equal "profile user" "$(field userId)" "$USER_ID"
ETAG=$(header ETag)
[ -n "$ETAG" ] || fail "GET /profiles/me has no ETag"
PROFILE='{"displayName":"Walk Through","email":"walk@example.com","bio":"Written by the walkthrough"}'
call_json 200 PUT /profiles/me "$PROFILE" -H "$(bearer "$ACCESS")" -H "If-Match: $ETAG"
NEW_ETAG=$(header ETag)
[ -n "$NEW_ETAG" ] && [ "$NEW_ETAG" != "$ETAG" ] || fail "PUT /profiles/me did not return a new ETag"
call_json 412 PUT /profiles/me "$PROFILE" -H "$(bearer "$ACCESS")" -H "If-Match: $ETAG"

step "Sessions: sign out another device"
login "$USER" -A "walkthrough/1 device-two"
OTHER_ACCESS=$ACCESS
call 200 GET /auth/sessions -H "$(bearer "$SESSION_ACCESS")"
body_has '"current"'
OTHER_SESSION=$(other_session_id)
[ -n "$OTHER_SESSION" ] || fail "no other session listed"
call 204 DELETE "/auth/sessions/$OTHER_SESSION" -H "$(bearer "$SESSION_ACCESS")"
rejected_soon "$OTHER_ACCESS"
call 404 DELETE /auth/sessions/00000000-0000-4000-8000-000000000000 -H "$(bearer "$SESSION_ACCESS")"

step "Refresh, and a replayed refresh token revokes the session"
call_json 200 POST /auth/refresh "{\"refresh_token\":\"$SESSION_REFRESH\"}"
ROTATED_ACCESS=$(field access_token)
ROTATED_REFRESH=$(field refresh_token)
[ -n "$ROTATED_ACCESS" ] && [ "$ROTATED_REFRESH" != "$SESSION_REFRESH" ] || fail "refresh did not rotate the tokens"
call 200 GET '/orders?page=0&size=1' -H "$(bearer "$ROTATED_ACCESS")"
call_json 401 POST /auth/refresh "{\"refresh_token\":\"$SESSION_REFRESH\"}"
call_json 401 POST /auth/refresh "{\"refresh_token\":\"$ROTATED_REFRESH\"}"
rejected_soon "$ROTATED_ACCESS"

step "Log out"
login "$USER"
call_json 204 POST /auth/logout "{\"refresh_token\":\"$REFRESH\"}" -H "$(bearer "$ACCESS")"
rejected_soon "$ACCESS"
call_json 401 POST /auth/refresh "{\"refresh_token\":\"$REFRESH\"}"

step "Log out everywhere"
login "$USER"
FIRST_ACCESS=$ACCESS
login "$USER"
call 204 POST /auth/logout-all -H "$(bearer "$ACCESS")"
rejected_soon "$FIRST_ACCESS"
rejected_soon "$ACCESS"

printf '\nAll %d checks passed against %s\n' "$CHECKS" "$BASE"
