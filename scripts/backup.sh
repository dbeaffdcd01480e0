#!/usr/bin/env bash
# Backup and restore of the tracker's PostgreSQL database with pg_dump / pg_restore.
#   scripts/backup.sh dump    DATABASE_URL [FILE]   # FILE defaults to zwtracker-YYYYMMDD-HHMM.dump
#   scripts/backup.sh restore DATABASE_URL FILE     # into an EMPTY database; then start the tracker on it
set -euo pipefail
cmd=${1:-}; url=${2:-}; file=${3:-}
case "$cmd" in
  dump)
    [ -n "$url" ] || { echo "usage: $0 dump DATABASE_URL [FILE]" >&2; exit 2; }
    file=${file:-zwtracker-$(date +%Y%m%d-%H%M).dump}
    # custom format: compressed, restorable table by table; consistent without stopping the tracker
    pg_dump --format=custom --no-owner --no-privileges --file="$file" "$url"
    echo "backup written to $file"
    ;;
  restore)
    [ -n "$url" ] && [ -n "$file" ] || { echo "usage: $0 restore DATABASE_URL FILE" >&2; exit 2; }
    pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$url" "$file"
    echo "restored $file"
    ;;
  *)
    echo "usage: $0 dump|restore DATABASE_URL [FILE]" >&2; exit 2 ;;
esac
