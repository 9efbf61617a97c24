#!/usr/bin/env bash
# gpu-check.sh: the OpenCL backends on a GPU machine that has no JDK and no Maven.
#
#   scripts/gpu-check.sh bundle [DIR]   here (JDK 21+, Maven, the project built offline): writes DIR
#                                       (default kernels/target/gpu-check): a jlink Java runtime, the kernels
#                                       classes and test classes, the jars they need, the JUnit console
#                                       launcher, a copy of the ICD loader libOpenCL.so.1 as a fallback, and the
#                                       Wycheproof ML-DSA verify vectors, gzipped (from $LUX_TESTVECTORS, default
#                                       the kernels module's test resources).
#   scripts/gpu-check.sh run [DIR]      on the GPU machine: registers NVIDIA's OpenCL driver if needed, lists
#                                       the OpenCL devices, runs the OpenCL correctness tests on the GPU (the
#                                       ML-DSA verifier's on the Wycheproof vectors too), a short vote tally
#                                       timing (OpenCL vs SIMD vs scalar), a SHAKE128 timing (OpenCL vs
#                                       BouncyCastle) and an ML-DSA-65 batch verification timing (OpenCL vs
#                                       BouncyCastle, pure Java and SIMD), and writes it all
#                                       to $OUT (default ./gpu-check-out). Exits non-zero if no GPU was used
#                                       (GPU_CHECK_ALLOW_CPU=1 accepts a CPU device such as PoCL), or a test
#                                       failed or was skipped. GPU_CHECK_POLLS, GPU_CHECK_SHAKE_BATCHES and
#                                       GPU_CHECK_MLDSA_BATCHES set the timed batch sizes.
#                                       Then the JMH GPU batch benchmarks (GpuMlDsaBatch, GpuTallyBatch: GPU vs
#                                       SIMD vs reference, 64 .. 100,000 signatures; about 3.5 minutes on the H200; skipped
#                                       with GPU_CHECK_JMH=0), JSON in $OUT.
#   scripts/gpu-check.sh jmh DIR [JMH arguments]
#                                       on the GPU machine: the same OpenCL set-up, then JMH in DIR's runtime.
#   scripts/gpu-check.sh java DIR [JVM options] CLASS [arguments]
#                                       on the GPU machine: the same OpenCL set-up, then one class of the bundle.
#
# It builds nothing third-party: the runtime is jlink'ed from the local JDK, the jars come from the local
# Maven repository. DIR is about 62 MiB (a device run carries at most 64).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MODE=${1:-}
DIR=${2:-$ROOT/kernels/target/gpu-check}
JUNIT_CONSOLE_VERSION=1.14.1
# java.logging: JOCL and the JUnit platform log through it; java.xml: JUnit's XML reports;
# java.management, jdk.management: the C2 check of the kernel selection; jdk.unsupported: JMH (sun.misc.Unsafe).
MODULES=java.base,java.logging,java.xml,java.management,jdk.management,jdk.unsupported,jdk.incubator.vector

bundle() {
  local m2=${MAVEN_REPO:-$HOME/.m2/repository}
  command -v jlink >/dev/null || { echo "gpu-check: jlink not found: put a JDK 21+ on PATH" >&2; exit 1; }
  (cd "$ROOT" && ./mvnw -B -q -pl kernels,benchmarks -am test-compile)
  (cd "$ROOT/kernels" && ../mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$ROOT/kernels/target/gpu-check.classpath")
  (cd "$ROOT/benchmarks" && ../mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$ROOT/benchmarks/target/gpu-check.classpath")
  rm -rf "$DIR"
  mkdir -p "$DIR/lib" "$DIR/native"
  jlink --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages --compress=zip-9 --output "$DIR/jdk"
  # The runtime must fit what a device run carries (64 MiB): dropping libjvm's symbol table saves ~5 MiB.
  if command -v strip >/dev/null; then strip --strip-unneeded "$DIR/jdk/lib/server/libjvm.so"; fi
  # jlink links duplicate legal notices; a carried folder may lose links, so make them plain copies.
  find "$DIR/jdk" -type l | while read -r link; do cp --remove-destination "$(readlink -f "$link")" "$link"; done
  cp -r "$ROOT/kernels/target/classes" "$DIR/classes"
  cp -r "$ROOT/kernels/target/test-classes" "$DIR/test-classes"
  rm -rf "$DIR/test-classes/testvectors" # 8 MB: only the ML-DSA vectors travel, gzipped, below
  # The JMH benchmarks (their classes and JMH's generated list; the GPU ones need only the kernels classes) and
  # JMH's jars: a few MiB, where the shaded benchmarks.jar would not fit beside the rest.
  cp -r "$ROOT/benchmarks/target/classes" "$DIR/benchmark-classes"
  tr ':' '\n' < "$ROOT/benchmarks/target/gpu-check.classpath" \
    | grep -E '/(jmh-core|jopt-simple|commons-math3)-[0-9.]+\.jar$' \
    | while read -r jar; do cp "$jar" "$DIR/lib/"; done
  # Only the jars the OpenCL checks load (the console launcher brings JUnit): JOCL, SLF4J, bcprov (the SHAKE
  # and ML-DSA reference of the tests) and Jackson (the Wycheproof JSON).
  tr ':' '\n' < "$ROOT/kernels/target/gpu-check.classpath" \
    | grep -E '/(jocl|slf4j-api|slf4j-simple|bcprov-jdk18on|jackson-core|jackson-databind|jackson-annotations)-[0-9.]+\.jar$' \
    | while read -r jar; do cp "$jar" "$DIR/lib/"; done
  # The Wycheproof ML-DSA verify vectors (gzipped: 1.8 MiB instead of 5.2), for OpenClMlDsaWycheproofVectorsTest.
  local vectors=${LUX_TESTVECTORS:-$ROOT/kernels/src/test/resources/testvectors}
  mkdir -p "$DIR/testvectors/wycheproof"
  for size in 44 65 87; do
    local file="$vectors/wycheproof/mldsa_${size}_verify_test.json"
    if [ -f "$file" ]; then
      gzip -9c "$file" > "$DIR/testvectors/wycheproof/mldsa_${size}_verify_test.json.gz"
    else
      echo "gpu-check: warning: $file not found; the Wycheproof ML-DSA test will be left out of the run" >&2
    fi
  done
  local console="$m2/org/junit/platform/junit-platform-console-standalone/$JUNIT_CONSOLE_VERSION/junit-platform-console-standalone-$JUNIT_CONSOLE_VERSION.jar"
  [ -f "$console" ] || (cd "$ROOT" && ./mvnw -B -q dependency:get \
      -Dartifact=org.junit.platform:junit-platform-console-standalone:$JUNIT_CONSOLE_VERSION)
  cp "$console" "$DIR/junit-console.jar"
  # The ICD loader (ocl-icd), used only where the GPU machine has no libOpenCL of its own.
  local loader
  loader=$(ldconfig -p | awk '/libOpenCL\.so\.1 .*x86-64/ {print $NF; exit}')
  if [ -n "$loader" ]; then cp -L "$loader" "$DIR/native/libOpenCL.so.1"; fi
  du -sh "$DIR"
}

find_lib() { # prints the path of shared library $1 (ldconfig's cache first, then the usual folders), or nothing
  local found
  found=$(ldconfig -p 2>/dev/null | awk -v lib="$1" '$1 == lib && /x86-64/ {print $NF; exit}')
  if [ -z "$found" ]; then
    found=$(find /usr/lib /usr/lib64 /usr/local/nvidia /usr/lib/x86_64-linux-gnu /lib /lib64 -name "$1" 2>/dev/null | head -n1 || true)
  fi
  echo "$found"
}

require_runtime() { # DIR's Java runtime must be there; restores its execute bits in case the copy lost them
  [ -f "$DIR/jdk/bin/java" ] || { echo "gpu-check: no runtime at $DIR/jdk: run '$0 bundle' first and carry it" >&2; exit 1; }
  chmod u+x "$DIR"/jdk/bin/* "$DIR/jdk/lib/jspawnhelper" 2>/dev/null || true
}

opencl_setup() { # JOCL's loader and NVIDIA's OpenCL driver; $1: a scratch folder
  local work=$1
  echo "== OpenCL loader"
  # JOCL opens "libOpenCL.so" (the unversioned name, which only -dev packages link): point it at the
  # machine's loader, or at the bundled copy of ocl-icd's.
  local loader nvidia
  loader=$(find_lib libOpenCL.so.1)
  [ -n "$loader" ] || loader="$DIR/native/libOpenCL.so.1"
  mkdir -p "$work/native"
  ln -s "$loader" "$work/native/libOpenCL.so"
  ln -s "$loader" "$work/native/libOpenCL.so.1"
  export LD_LIBRARY_PATH="$work/native${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  echo "loader: $loader"

  echo "== OpenCL drivers (ICDs)"
  if ! grep -qs nvidia /etc/OpenCL/vendors/*.icd; then
    nvidia=$(find_lib libnvidia-opencl.so.1)
    if [ -z "$nvidia" ]; then
      echo "gpu-check: libnvidia-opencl.so.1 not found: this machine's NVIDIA driver has no OpenCL part" >&2
    elif mkdir -p /etc/OpenCL/vendors 2>/dev/null && echo "$nvidia" > /etc/OpenCL/vendors/nvidia.icd 2>/dev/null; then
      echo "registered $nvidia in /etc/OpenCL/vendors/nvidia.icd"
    else
      mkdir -p "$work/vendors"
      echo "$nvidia" > "$work/vendors/nvidia.icd"
      export OCL_ICD_VENDORS="$work/vendors"
      echo "registered $nvidia in OCL_ICD_VENDORS=$OCL_ICD_VENDORS"
    fi
  fi
  ls -l /etc/OpenCL/vendors/ 2>/dev/null || true

  # HotSpot's signal chaining: the drivers replace the JVM's signal handlers when loaded (on the H200, JMH forks
  # died with exit code 139 without it), and the library loads OpenCL only with it (SignalChaining).
  # An absolute path: the JVM's child processes may run elsewhere.
  export LD_PRELOAD="$(cd "$DIR/jdk/lib" && pwd)/libjsig.so${LD_PRELOAD:+:$LD_PRELOAD}"
  echo "LD_PRELOAD=$LD_PRELOAD"
}

run() {
  OUT=${OUT:-$PWD/gpu-check-out}
  mkdir -p "$OUT"
  local java="$DIR/jdk/bin/java" work
  require_runtime
  work=$(mktemp -d)
  exec > >(tee "$OUT/gpu-check.log") 2>&1
  echo "== machine"; date -u; uname -a; nproc
  (nvidia-smi || echo "no nvidia-smi") > "$OUT/nvidia-smi.txt" 2>&1; head -n 15 "$OUT/nvidia-smi.txt"
  "$java" -version

  opencl_setup "$work"

  local cp="$DIR/classes:$DIR/test-classes:$DIR/lib/*"
  local jvm=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xss2m -Xmx8g)

  echo "== OpenCL devices"
  "$java" "${jvm[@]}" -cp "$cp" lux.consensus.kernels.gpu.OpenClProbe | tee "$OUT/opencl-devices.txt"
  if ! grep -q "^open: opened .*GPU" "$OUT/opencl-devices.txt"; then
    # GPU_CHECK_ALLOW_CPU=1 goes on with a CPU device (PoCL): how this script is tried without a GPU.
    if ! grep -q "^open: opened " "$OUT/opencl-devices.txt" || [ "${GPU_CHECK_ALLOW_CPU:-0}" != 1 ]; then
      echo "gpu-check: FAILED: no OpenCL GPU could be opened (see above)"; exit 1
    fi
    echo "gpu-check: no GPU; going on with the CPU device (GPU_CHECK_ALLOW_CPU=1)"
  fi

  echo "== correctness (JUnit, on the preferred device: the GPU)"
  # Left out: GpuDevicesTest's driverless-machine case, which hides the drivers through ocl-icd's OCL_ICD_VENDORS
  # (a loader that ignores it, as on NVIDIA machines, can only skip it; CI runs it).
  local status=0
  # The Wycheproof vectors, unpacked for TestVectors (-Dlux.testvectors); without them that test is left out.
  local wycheproof=()
  if ls "$DIR"/testvectors/wycheproof/*.json.gz >/dev/null 2>&1; then
    mkdir -p "$work/testvectors/wycheproof"
    for gz in "$DIR"/testvectors/wycheproof/*.json.gz; do
      gzip -dc "$gz" > "$work/testvectors/wycheproof/$(basename "$gz" .gz)"
    done
    wycheproof=(--select-class lux.consensus.kernels.mldsa.OpenClMlDsaWycheproofVectorsTest)
  else
    echo "gpu-check: no Wycheproof vectors in $DIR/testvectors: OpenClMlDsaWycheproofVectorsTest left out"
  fi
  "$java" "${jvm[@]}" -Dlux.testvectors="$work/testvectors" -jar "$DIR/junit-console.jar" execute \
      --class-path "$DIR/classes:$DIR/test-classes:$(ls "$DIR"/lib/*.jar | tr '\n' ':')" \
      --select-package lux.consensus.kernels.gpu \
      --select-class lux.consensus.kernels.tally.OpenClVoteTallyTest \
      --select-class lux.consensus.kernels.tally.OpenClVoteTallyChunkedTest \
      --select-class lux.consensus.kernels.mldsa.OpenClMlDsaVerifierTest ${wycheproof[@]+"${wycheproof[@]}"} \
      --exclude-methodname '.*aMachineWithoutDriversGetsAClearReason.*' \
      --reports-dir "$OUT/junit" --details=tree --disable-banner --fail-if-no-tests | tee "$OUT/junit.txt" || status=$?
  if grep -Eq "^\[ +[1-9][0-9]* (tests|containers) (skipped|aborted) +\]" "$OUT/junit.txt"; then
    echo "gpu-check: FAILED: tests were skipped or aborted on the GPU machine"; status=1
  fi

  echo "== timing: ML-DSA-65 batch verification, OpenCL vs BouncyCastle, pure Java and SIMD (one CPU thread)"
  "$java" "${jvm[@]}" -cp "$cp" lux.consensus.kernels.gpu.GpuMlDsaTiming "$OUT" \
      ${GPU_CHECK_MLDSA_BATCHES:-1024 16384 65536 131072} || status=$?

  echo "== timing: vote tally, OpenCL vs SIMD vs scalar"
  "$java" "${jvm[@]}" -cp "$cp" lux.consensus.kernels.gpu.GpuTallyTiming "$OUT" ${GPU_CHECK_POLLS:-10000 100000 1000000} \
      || status=$?

  echo "== timing: SHAKE128 (the Keccak core of the ML-DSA kernel), OpenCL vs BouncyCastle"
  "$java" "${jvm[@]}" -cp "$cp" lux.consensus.kernels.gpu.GpuShakeTiming "$OUT" ${GPU_CHECK_SHAKE_BATCHES:-1024 16384 65536 262144} \
      || status=$?

  if [ "${GPU_CHECK_JMH:-1}" != 0 ]; then
    # The JMH batch benchmarks, GPU vs SIMD vs the reference, transfers included (results as JMH JSON in $OUT).
    # The CPU backends only up to 4,096 (their rate no longer depends on the batch there; 100,000 would take
    # minutes), and once on every core.
    local bench=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED
        -cp "$DIR/benchmark-classes:$DIR/classes:$DIR/lib/*" org.openjdk.jmh.Main -f 1 -w 1 -r 1 -i 3)
    echo "== JMH: ML-DSA-65 batch verification on the GPU"
    "$java" "${bench[@]}" GpuMlDsaBatch -wi 2 -p backend=opencl -p batch=64,256,1024,4096,16384,65536,100000 \
        -rf json -rff "$OUT/jmh-mldsa-opencl.json" || status=$?
    echo "== JMH: ML-DSA-65 batch verification on the CPU (one thread, then $(nproc) threads)"
    "$java" "${bench[@]}" GpuMlDsaBatch -wi 1 -p backend=simdCold,simdWarm,bouncycastle -p batch=64,1024,4096 \
        -rf json -rff "$OUT/jmh-mldsa-cpu.json" || status=$?
    "$java" "${bench[@]}" GpuMlDsaBatch -wi 1 -t "$(nproc)" -p backend=simdCold,simdWarm -p batch=4096 \
        -rf json -rff "$OUT/jmh-mldsa-cpu-all-threads.json" || status=$?
    echo "== JMH: vote tally, OpenCL vs SIMD vs scalar"
    "$java" "${bench[@]}" GpuTallyBatch -wi 2 -p polls=1000,65536,1048576,16777216 \
        -rf json -rff "$OUT/jmh-tally.json" || status=$?
  fi

  echo "== done: status $status; results in $OUT"
  return "$status"
}

jmh() { # on the GPU machine: JMH benchmarks (the GPU ones) in the bundled runtime
  local java="$DIR/jdk/bin/java"
  require_runtime
  opencl_setup "$(mktemp -d)"
  # JMH forks the JVM it runs in, with its class path, LD_LIBRARY_PATH and LD_PRELOAD.
  "$java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
      -cp "$DIR/benchmark-classes:$DIR/classes:$DIR/lib/*" org.openjdk.jmh.Main "$@"
}

java_class() { # on the GPU machine: one class of the bundle (classes, test classes, jars) after the OpenCL set-up
  local java="$DIR/jdk/bin/java"
  require_runtime
  opencl_setup "$(mktemp -d)"
  "$java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
      -cp "$DIR/classes:$DIR/test-classes:$DIR/lib/*" "$@"
}

case "$MODE" in
  bundle) bundle ;;
  run) run ;;
  jmh) shift 2; jmh "$@" ;;
  java) shift 2; java_class "$@" ;;
  *) sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
