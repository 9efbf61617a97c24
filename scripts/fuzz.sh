#!/usr/bin/env bash
# Fuzzes the library with Jazzer, one @FuzzTest target at a time (Jazzer fuzzes one per JVM). Each runs until
# its limit (a million executions) or its first finding. A finding is written to the target's seed directory
# under src/test/resources, so it runs as a regression test from then on: fix the code, keep the file. The
# corpus a run grows stays in <module>/.cifuzz-corpus (ignored by git) and seeds the next run; copy it into the
# seed directory to make CI replay it too.
#
#   scripts/fuzz.sh                          every target
#   scripts/fuzz.sh IdFuzzTest#fromHex ...   the named ones
#
# Run through ./lux fuzz, which sets JAVA_HOME to a JDK 21+.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

all_targets() { # module:Class#method for every @FuzzTest method
  grep -rl --include='*FuzzTest.java' '@FuzzTest' kernels/src/test engine/src/test node/src/test | sort | while read -r file; do
    module=${file%%/*}
    class=$(basename "$file" .java)
    grep -A1 '@FuzzTest' "$file" | sed -n 's/^ *void \([a-zA-Z0-9_]*\)(.*/\1/p' | while read -r method; do
      echo "$module:$class#$method"
    done
  done
}

module_of() { # Class#method -> module:Class#method
  all_targets | grep ":$1\$" | head -n1
}

targets=()
if [ $# -eq 0 ]; then
  mapfile -t targets < <(all_targets)
else
  for t in "$@"; do
    full=$(module_of "$t")
    [ -n "$full" ] || { echo "fuzz: no target $t (targets: $(all_targets | cut -d: -f2 | tr '\n' ' '))" >&2; exit 2; }
    targets+=("$full")
  done
fi

failed=0
printf '%-48s %12s %9s  %s\n' target executions seconds result
for t in "${targets[@]}"; do
  module=${t%%:*}
  test=${t#*:}
  class=${test%%#*}
  log="$ROOT/$module/target/fuzz-$class-${test#*#}.log"
  mkdir -p "$module/target"
  start=$(date +%s)
  # The default test execution only (the kernels module's capped-width executions would fuzz it twice more).
  ./mvnw -B -q -ntp -pl "$module" -am test-compile -Djacoco.skip=true >"$log" 2>&1 &&
    JAZZER_FUZZ=1 ./mvnw -B -q -ntp -pl "$module" surefire:test@default-test -Djacoco.skip=true \
      -Dsurefire.failIfNoSpecifiedTests=false "-Dtest=$test" >>"$log" 2>&1
  rc=$?
  seconds=$(( $(date +%s) - start ))
  report=$(ls "$module"/target/surefire-reports/*."$class"-output.txt 2>/dev/null | head -n1)
  [ -n "$report" ] && cat "$report" >>"$log"
  runs=$(grep -ao 'Done [0-9]* runs' "$log" | tail -n1 | cut -d' ' -f2)
  [ -n "$runs" ] || runs=$(grep -aoE '^#[0-9]+' "$log" | tail -n1 | tr -d '#')
  if [ $rc -eq 0 ]; then result="no finding"; else result="FINDING or failure (see $log)"; failed=1; fi
  printf '%-48s %12s %9s  %s\n' "$test" "${runs:-?}" "$seconds" "$result"
done
exit $failed
