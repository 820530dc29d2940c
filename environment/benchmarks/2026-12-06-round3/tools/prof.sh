#!/usr/bin/env bash
# usage: prof.sh <jardir|wt> model steps [extra java opts]
set -u
W=/work/wt/native
DIR=$1; MODEL=$2; STEPS=$3; shift 3
DEPS=$(tr ':' '\n' < $W/src/bench/target/classpath.txt | grep -v "^/work/wt" | paste -sd:)
if [ "$DIR" = wt ]; then JARS="$W/src/bench/target/backprop-lab-bench.jar:$W/src/toolkit/target/backprop-lab-toolkit.jar:$W/src/nd4j/target/backprop-lab-nd4j.jar:$W/src/notebook/target/backprop-lab-notebook.jar"
else JARS="$DIR/backprop-lab-bench.jar:$DIR/backprop-lab-toolkit.jar:$DIR/backprop-lab-nd4j.jar:$W/src/notebook/target/backprop-lab-notebook.jar"; fi; [ -f $DIR/backprop-lab-notebook.jar ] && JARS="$DIR/backprop-lab-bench.jar:$DIR/backprop-lab-toolkit.jar:$DIR/backprop-lab-nd4j.jar:$DIR/backprop-lab-notebook.jar"
export OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2
java -Xmx2g -XX:+UseParallelGC -Djava.awt.headless=true -Dorg.bytedeco.javacpp.platform.extension=-onednn-avx2 "$@" -cp "$JARS:$DEPS" org.backproplab.bench.StepProfile --model $MODEL --backend nd4j --steps $STEPS --report 100000 2>&1 | grep "per step"
