#!/usr/bin/env bash
# usage: run.sh label tree args...   (runs the bench in tree with old venv, PYTHONPATH=tree/src)
label=$1; tree=$2; shift 2
cd "$tree"
{ echo "== $label $(date -u +%T) tree=$tree args=$*"; uptime;
  PYTHONPATH="$tree/src" /tmp/old25/.venv/bin/python -m "$@"; echo "rc=$?"; } > "/tmp/bench25/$label.txt" 2>&1
