#!/usr/bin/env bash
# jfr.sh jardir model steps name
/tmp/native/prof.sh $1 $2 $3 -XX:StartFlightRecording=filename=/tmp/native/$4.jfr,settings=/tmp/native/fast.jfc
jfr print --json --events jdk.ExecutionSample,jdk.NativeMethodSample /tmp/native/$4.jfr > /tmp/native/$4.json
python3 /tmp/native/jfrtop.py /tmp/native/$4.json > /tmp/native/$4.txt
