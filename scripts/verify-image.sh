#!/usr/bin/env bash
# Reproduces the Dockerfile's runtime stage without a Docker engine, and starts it the way the
# image does: production dependencies only (`npm ci --omit=dev --ignore-scripts`, as the image
# runs it), the compiled output, `bin/`, `app.yml`, then `node dist/main.js` with NODE_ENV=production.
# Checks /healthz (with the image's own HEALTHCHECK command), /metrics, and that SIGTERM ends it
# with exit code 0.
#
# Needs the npm registry (npm ci), so `npm test` does not run it:   bash scripts/verify-image.sh
# KEEP=1 leaves the temporary directory in place for a look around.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d -t autopilot-image-XXXXXX)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then kill -KILL "$server_pid"; fi
  if [[ "${KEEP:-}" == "1" ]]; then echo "kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
step() { printf '\n== %s\n' "$*"; }

step "build stage: compile src/ (tsconfig.build.json) into $work/app/dist"
mkdir -p "$work/app"
# the sandbox package first: the sandbox command's type imports read its declarations
(cd "$root" && npx tsc -p packages/github-sandbox/tsconfig.build.json && npx tsc -p tsconfig.build.json --outDir "$work/app/dist")

step "runtime stage: package.json + lock, npm ci --omit=dev --ignore-scripts"
cp "$root/package.json" "$root/package-lock.json" "$root/app.yml" "$work/app/"
cp -R "$root/bin" "$work/app/bin"
(cd "$work/app" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
if [[ -d "$work/app/node_modules/vitest" || -d "$work/app/node_modules/typescript" ]]; then
  echo "FAIL: development dependencies were installed" >&2
  exit 1
fi
if [[ -e "$work/app/node_modules/@autopilot/github-sandbox" || -d "$work/app/node_modules/graphql" ]]; then
  echo "FAIL: the sandbox package or its dependencies were installed" >&2
  exit 1
fi
echo "node_modules: $(du -sh "$work/app/node_modules" | cut -f1)"

step "start: node dist/main.js (NODE_ENV=production) with test credentials"
port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
# a throwaway RSA key, made now: the app only needs it to sign JWTs
private_key="$(node -e 'console.log(require("crypto").generateKeyPairSync("rsa",{modulusLength:2048}).privateKey.export({type:"pkcs1",format:"pem"}))')"
log="$work/server.log"
(
  cd "$work/app"
  # GitHub itself is pointed at a closed local port: the start-up sweep fails fast, offline
  exec env -i PATH="$PATH" HOME="$work" NODE_ENV=production HOST=127.0.0.1 PORT="$port" \
    APP_ID=1 PRIVATE_KEY="$private_key" WEBHOOK_SECRET="verify-image-$RANDOM" \
    GHE_HOST=127.0.0.1:9 GHE_PROTOCOL=http LOG_LEVEL=info \
    node dist/main.js
) >"$log" 2>&1 &
server_pid=$!

for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then echo "FAIL: the server exited" >&2; cat "$log" >&2; exit 1; fi
  sleep 0.1
done

step "GET /healthz, through the image's HEALTHCHECK command"
curl -fsS "http://127.0.0.1:$port/healthz"; echo
(cd "$work/app" && PORT="$port" node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))")
echo "HEALTHCHECK: healthy"

step "GET /metrics"
curl -fsS "http://127.0.0.1:$port/metrics" | grep -E '^(autopilot_|process_cpu_seconds_total)' | head -5

step "SIGTERM"
kill -TERM "$server_pid"
set +e
wait "$server_pid"
code=$?
set -e
server_pid=""
echo "exit code: $code"
grep -o '"msg":"[^"]*"' "$log" | sed 's/"msg"://' | head -20
if [[ "$code" != "0" ]]; then echo "FAIL: exit code $code" >&2; exit 1; fi
printf '\nOK: the runtime stage installs, starts, answers /healthz and /metrics, and stops on SIGTERM with 0\n'
