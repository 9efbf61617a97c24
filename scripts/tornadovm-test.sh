#!/usr/bin/env bash
# tornadovm-test.sh: the optional TornadoVM backends (module tornadovm) under a TornadoVM you built yourself.
#
#   TORNADOVM_HOME=SDK [TORNADOVM_M2=REPO] scripts/tornadovm-test.sh [test]
#       builds the module with -Ptornadovm and runs its tests in a JVM started with TornadoVM's flags (what
#       `tornado --printJavaFlags` prints) plus -Dtornado.threadInfo=True -Dtornado.recover.bailout=False (set in
#       the module's pom). Fails if a test failed or was skipped, or if TornadoVM's thread info shows no kernel
#       launched on an OpenCL device.
#   TORNADOVM_HOME=SDK [TORNADOVM_M2=REPO] scripts/tornadovm-test.sh timing [POLLS ...]
#       times the vote tally, TornadoVM against SIMD, scalar and OpenCL through JOCL (k = 21, 3 candidates).
#   TORNADOVM_HOME=SDK [TORNADOVM_M2=REPO] scripts/tornadovm-test.sh mldsa-timing [BATCH ...]
#       times ML-DSA-65 batch verification, TornadoVM against BouncyCastle, SIMD and OpenCL through JOCL.
#
# SDK is TornadoVM's built SDK (the folder holding bin/tornado and tornado-argfile); REPO is the local Maven
# repository holding io.github.beehive-lab:tornado-api (default ~/.m2/repository). JAVA_HOME must be the JDK 25
# TornadoVM was built with. This script never builds TornadoVM: README, section "TornadoVM", says how.
# Maven runs offline (-o) unless LUX_MVN_OPTS says otherwise.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MODE=${1:-test}
[ $# -gt 0 ] && shift
TORNADO_API_VERSION=5.2.0-jdk25
REPO=${TORNADOVM_M2:-$HOME/.m2/repository}
MVN_OPTS=${LUX_MVN_OPTS:--o}

fail() { echo "tornadovm-test: $*" >&2; exit 1; }

[ -n "${TORNADOVM_HOME:-}" ] || fail "set TORNADOVM_HOME to TornadoVM's SDK folder (the one with bin/tornado)"
[ -x "$TORNADOVM_HOME/bin/tornado" ] || fail "no launcher at $TORNADOVM_HOME/bin/tornado: is TORNADOVM_HOME the SDK folder?"
[ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] || fail "set JAVA_HOME to the JDK 25 TornadoVM was built with"
version=$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
[ "$version" = 25 ] || fail "JAVA_HOME=$JAVA_HOME is JDK '$version'; TornadoVM $TORNADO_API_VERSION needs JDK 25"
api="$REPO/io/github/beehive-lab/tornado-api/$TORNADO_API_VERSION/tornado-api-$TORNADO_API_VERSION.jar"
[ -f "$api" ] || fail "no tornado-api in $REPO (looked for $api); install TornadoVM's share/java/tornado/tornado-api-$TORNADO_API_VERSION.jar there with mvn install:install-file (README, 'TornadoVM'), or set TORNADOVM_M2"
export PATH="$JAVA_HOME/bin:$PATH"
# HotSpot's signal chaining, as for every JVM that loads OpenCL drivers (README: GPU offload needs it).
if [ -f "$JAVA_HOME/lib/libjsig.so" ]; then export LD_PRELOAD="$JAVA_HOME/lib/libjsig.so${LD_PRELOAD:+:$LD_PRELOAD}"; fi

# TornadoVM's JVM flags, without the java command its launcher prints first.
flags=$("$TORNADOVM_HOME/bin/tornado" --printJavaFlags | sed 's/^[^ ]* //')
[ -n "$flags" ] || fail "'tornado --printJavaFlags' printed nothing"
reports="$ROOT/tornadovm/target/surefire-reports"

case "$MODE" in
  test)
    echo "== TornadoVM devices"
    "$TORNADOVM_HOME/bin/tornado" --devices
    echo "== tests of module tornadovm under TornadoVM"
    rm -rf "$reports"
    (cd "$ROOT" && ./mvnw $MVN_OPTS -B -Ptornadovm "-Dmaven.repo.local=$REPO" -pl tornadovm -am verify \
        '-Dtest=lux.consensus.tornadovm.**' -Dsurefire.failIfNoSpecifiedTests=false "-Dtornadovm.jvm.args=$flags")
    # Every test ran (none skipped for want of TornadoVM) and the kernels launched on an OpenCL device.
    read -r run skipped < <(sed -n 's/.*tests="\([0-9]*\)".*skipped="\([0-9]*\)".*/\1 \2/p' "$reports"/TEST-*.xml \
        | awk '{r += $1; s += $2} END {print r + 0, s + 0}')
    [ "$run" -gt 0 ] || fail "no test ran"
    [ "$skipped" -eq 0 ] || fail "$skipped of $run tests skipped: TornadoVM was not used (see $reports)"
    launches=$(cat "$reports"/*-output.txt | grep -c '^Task info: ' || true)
    opencl=$(cat "$reports"/*-output.txt | grep -A1 '^Task info: ' | grep -c 'Backend *: OPENCL' || true)
    [ "$launches" -gt 0 ] && [ "$launches" -eq "$opencl" ] \
        || fail "thread info shows $opencl of $launches kernel launches on an OpenCL device (see $reports)"
    kernels=$(cat "$reports"/*-output.txt | sed -n 's/^Task info: [a-zA-Z]*[0-9]*\.//p' | sort | uniq -c | awk '{printf "%s %s x%s", s, $2, $1; s=","}')
    device=$(cat "$reports"/*-output.txt | grep -A2 '^Task info: ' | sed -n 's/^[[:space:]]*Device *: //p' | sort -u)
    echo "== $run tests passed, none skipped; $launches kernel launches ($kernels), all on OpenCL device: $device"
    ;;
  timing|mldsa-timing)
    # Built in the reactor (never installed): the kernels module's classes come from kernels/target/classes.
    (cd "$ROOT" && ./mvnw $MVN_OPTS -B -q -Ptornadovm "-Dmaven.repo.local=$REPO" -pl tornadovm -am test-compile \
        dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/timing.classpath)
    cp="$ROOT/tornadovm/target/classes:$ROOT/tornadovm/target/test-classes:$(cat "$ROOT/tornadovm/target/timing.classpath")"
    main=lux.consensus.tornadovm.TornadoTallyTiming
    [ "$MODE" = mldsa-timing ] && main=lux.consensus.tornadovm.TornadoMlDsaTiming
    # shellcheck disable=SC2086 # the flags are separate words
    java $flags --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp "$cp" "$main" "$@"
    ;;
  *)
    fail "unknown mode '$MODE' (test, timing or mldsa-timing)"
    ;;
esac
