#!/usr/bin/env bash
# usage: run.sh label tree args...   (runs the bench in tree with main's venv, PYTHONPATH=tree/src)
label=$1; tree=$2; shift 2
cd "$tree"
{ echo "== $label $(date -u +%T) tree=$tree args=$*"; uptime;
  PYTHONPATH="$tree/src" /work/main/.venv/bin/python -m "$@"; echo "rc=$?"; } > "/tmp/bench3/$label.txt" 2>&1
