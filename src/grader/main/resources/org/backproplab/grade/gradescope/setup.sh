#!/usr/bin/env bash
# Backprop Lab's Gradescope set-up: Gradescope runs this once (as root) when it builds the autograder's image, with the
# zip unpacked in $AUTOGRADER_ROOT/source (default /autograder/source). It installs what is missing:
#   - a Java 17 runtime (openjdk-17-jre-headless: it includes JShell and the compiler the sandbox needs);
#   - bubblewrap (the sandbox's isolation; where the container cannot start it, the grader falls back to running the
#     student's code as an unprivileged uid of its own, killed by uid, with the grader's folders hidden by permissions).
# No user account is needed: the sandbox runs as a numeric uid without a home, one per parallel job.
set -euo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
SRC="$ROOT/source"
need=()
if ! command -v java >/dev/null 2>&1 || ! java -version 2>&1 | grep -qE 'version "(1[7-9]|[2-9][0-9])'; then need+=(openjdk-17-jre-headless); fi
command -v bwrap >/dev/null 2>&1 || need+=(bubblewrap)
command -v setpriv >/dev/null 2>&1 || need+=(util-linux)
if [ "${#need[@]}" -gt 0 ]; then
    echo "[backprop-lab] installing ${need[*]} ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
else
    echo "[backprop-lab] java, bubblewrap and setpriv are installed"
fi
chmod 755 "$SRC/run_autograder" "$SRC/setup.sh"
[ -d "$ROOT" ] && [ -w "$ROOT" ] && cp "$SRC/run_autograder" "$ROOT/run_autograder" 2>/dev/null || true
# Only root may read the grader, the solution and MNIST's copy (the sandbox's uid gets its jars through a staged copy).
chmod -R go-rwx "$SRC"
java -version 2>&1 | head -1
echo "[backprop-lab] set-up done"
