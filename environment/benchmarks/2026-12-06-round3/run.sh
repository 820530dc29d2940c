#!/usr/bin/env bash
# Issue 20 round 3, the --alone benchmark session: the suite, profiles (after, and the round's start for comparison), notebook 10.
set -u
cd /work/wt/native
OUT=environment/benchmarks/2026-12-06-round3
mkdir -p "$OUT" /tmp/native/final
git log --oneline -1 > "$OUT/commit.txt"
{ echo "start $(date -u)"; cat /proc/loadavg; } | tee "$OUT/load.txt"
./environment/bench --runs 3 --only scalar,mlp,lenet 2>&1 | grep -v "INFO\|WARN" | tee /tmp/native/final/suite.log
cp target/bench/REPORT.md "$OUT/REPORT.md"; cp target/bench/*.png "$OUT/" 2>/dev/null
{ echo "after the suite $(date -u)"; cat /proc/loadavg; } | tee -a "$OUT/load.txt"
export OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE
P=/tmp/native/prof.sh
{ echo "# StepProfile, ND4J float32, same session, alternating: the round's start (bdc0ed9) then this round's HEAD"
  for i in 1 2; do
    echo "before: $($P /tmp/native/base cnn 150)"; echo "after:  $($P wt cnn 150)"
    echo "before: $($P /tmp/native/base mlp 2000)"; echo "after:  $($P wt mlp 2000)"
  done; } | tee "$OUT/stepprofile-before-after.txt"
/tmp/native/jfr.sh wt cnn 200 fcnn; cp /tmp/native/fcnn.txt "$OUT/jfr-cnn-nd4j.txt"
/tmp/native/jfr.sh wt mlp 2000 fmlp; cp /tmp/native/fmlp.txt "$OUT/jfr-mlp-nd4j.txt"
W=/work/wt/native; DEPS=$(tr ':' '\n' < $W/src/bench/target/classpath.txt | grep -v "^/work/wt" | paste -sd:)
JARS="$W/src/bench/target/backprop-lab-bench.jar:$W/src/toolkit/target/backprop-lab-toolkit.jar:$W/src/nd4j/target/backprop-lab-nd4j.jar:$W/src/notebook/target/backprop-lab-notebook.jar"
DNNL_VERBOSE=1 java -Xmx2g -XX:+UseParallelGC -Dorg.bytedeco.javacpp.platform.extension=-onednn-avx2 -cp "$JARS:$DEPS" org.backproplab.bench.StepProfile --model cnn --backend nd4j --steps 12 --report 100 2>&1 | grep "^dnnl_verbose,exec" | tail -60 > "$OUT/dnnl-verbose-cnn-step.txt"
{ echo "after the profiles $(date -u)"; cat /proc/loadavg; } | tee -a "$OUT/load.txt"
./environment/lab --execute 10 2>&1 | grep -v "INFO\|WARN" | tail -20 | tee /tmp/native/final/nb10.log
python3 - <<'PY' | tee "$OUT/notebook10-full.txt"
import json
nb = json.load(open("target/notebooks/10-cnn-on-mnist.ipynb"))
for c in nb["cells"]:
    for o in c.get("outputs", []):
        t = "".join(o.get("text", "")) if isinstance(o.get("text", ""), list) else o.get("text", "")
        for line in t.splitlines():
            if "epoch(s) in" in line or "accuracy" in line.lower() or "training on" in line: print(line)
PY
{ echo "end $(date -u)"; cat /proc/loadavg; } | tee -a "$OUT/load.txt"
