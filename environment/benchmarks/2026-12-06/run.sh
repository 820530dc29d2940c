#!/usr/bin/env bash
# The --alone benchmark session of issue 20b: the suite, then profiles. Run from the worktree root.
set -u
cd /work/wt/nd4j
OUT=environment/benchmarks/2026-12-06
date -u; cat /proc/loadavg
./environment/bench --runs 3 --only scalar,mlp,lenet 2>&1 | grep -v "INFO\|WARN" | tee /tmp/prof/suite.log
cp target/bench/REPORT.md "$OUT/REPORT.md"; cp target/bench/*.png "$OUT/" 2>/dev/null
CP="src/bench/target/backprop-lab-bench.jar:$(cat src/bench/target/classpath.txt)"
J="java -Xmx2g -XX:+UseParallelGC -Djava.awt.headless=true -Dorg.bytedeco.javacpp.platform.extension=-onednn-avx2"
export OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2
date -u; cat /proc/loadavg
$J -XX:StartFlightRecording=filename=/tmp/prof/cnn-nd4j.jfr,settings=profile -cp "$CP" org.backproplab.bench.StepProfile --model cnn --backend nd4j --steps 200 --report 100 2>&1 | grep -v "INFO\|WARN" > "$OUT/stepprofile-cnn-nd4j.txt"
$J -XX:StartFlightRecording=filename=/tmp/prof/mlp-nd4j.jfr,settings=profile -cp "$CP" org.backproplab.bench.StepProfile --model mlp --backend nd4j --steps 2000 --report 1000 2>&1 | grep -v "INFO\|WARN" > "$OUT/stepprofile-mlp-nd4j.txt"
DNNL_VERBOSE=1 $J -cp "$CP" org.backproplab.bench.StepProfile --model cnn --backend nd4j --steps 12 --report 100 2>&1 | grep "^onednn_verbose\|^dnnl_verbose" | tail -40 > "$OUT/dnnl-verbose-cnn-step.txt"
date -u; cat /proc/loadavg
