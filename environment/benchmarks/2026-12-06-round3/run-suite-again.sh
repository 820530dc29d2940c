#!/usr/bin/env bash
set -u
cd /work/wt/native
OUT=environment/benchmarks/2026-12-06-round3
{ echo "suite re-run (the Python peers without OMP_WAIT_POLICY) start $(date -u)"; cat /proc/loadavg; } | tee -a "$OUT/load.txt"
./environment/bench --runs 3 --only scalar,mlp,lenet 2>&1 | grep -v "INFO\|WARN" | tee /tmp/native/final/suite2.log
cp target/bench/REPORT.md "$OUT/REPORT.md"; cp target/bench/*.png "$OUT/" 2>/dev/null
{ echo "suite re-run end $(date -u)"; cat /proc/loadavg; } | tee -a "$OUT/load.txt"
git log --oneline -1 > "$OUT/commit.txt"
