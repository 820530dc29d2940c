#!/usr/bin/env bash
# Benchmark 7 as it was run for this report (issue 22): a simulated class of 200 hw1 submissions graded on 2 jobs, the
# Canvas gradebook, the similarity report, each one ./environment/grade command, alone on the machine (both slots of
# /work/bin/heavy held). `./environment/bench --only class` runs the same (200 in full mode, 10 with --quick).
cd "$(dirname "$0")/../../.." || exit 1
source environment/setup.sh
setup_all >/dev/null
java -Xmx2g -Djava.awt.headless=true -cp "$(bench_classpath)" org.backproplab.bench.suite.ClassBenchmark \
    --root . --out target/bench-class-200 --size 200
