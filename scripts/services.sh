#!/usr/bin/env bash
# Makes sure PostgreSQL (with PostGIS) and Redis are up on loopback, installing PostGIS if needed.
set -euo pipefail

log() { printf '\n== %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

pg_up() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }
redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }

if ! pg_up; then
  log "starting PostgreSQL"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
fi
pg_up || { echo "PostgreSQL is not reachable on 127.0.0.1:5432" >&2; exit 1; }

pg_major=$(psql -h 127.0.0.1 -U root -d test -Atc "show server_version_num" | cut -c1-2)
if ! psql -h 127.0.0.1 -U root -d test -Atc \
    "select 1 from pg_available_extensions where name='postgis'" | grep -q 1; then
  log "installing PostGIS for PostgreSQL $pg_major"
  as_root apt-get update -qq
  as_root apt-get install -y -qq "postgresql-${pg_major}-postgis-3" >/dev/null
fi

# the Mini App's browser tests (tests/browser) drive Debian's chromium headless
if ! command -v chromium >/dev/null 2>&1 || [ ! -d /usr/share/fonts/truetype/noto ]; then
  log "installing chromium (Debian) for the browser tests"
  as_root apt-get update -qq
  as_root apt-get install -y -qq chromium fonts-noto-color-emoji >/dev/null
fi

if ! redis_up; then
  log "starting Redis"
  as_root mkdir -p /var/lib/redis /var/log/redis
  as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" \
    --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 30); do redis_up && break; sleep 1; done
fi
redis_up || { echo "Redis is not reachable on 127.0.0.1:6379" >&2; exit 1; }
echo "services: PostgreSQL with PostGIS and Redis are up; chromium is installed"
