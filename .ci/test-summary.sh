#!/usr/bin/env bash
# Prints, per test class, how many tests ran and how many were skipped, from the Surefire and Failsafe XML reports
# of the last Maven run, then one closing line "tests: N passed, N failed, N skipped". With CI=true a skipped test
# fails the run: in CI every service a test needs is started by .ci/run, so a skip means a test silently did not run.
set -euo pipefail
cd "$(dirname "$0")/.."

total=0 failed=0 skipped=0
printf '%-72s %5s %7s %6s\n' "test class" "run" "skipped" "failed"
while IFS= read -r report; do
  # The <testsuite ...> element's attributes, on one line whatever the report's line breaks.
  head=$(tr '\n' ' ' < "$report" | grep -o '<testsuite [^>]*>' | head -1)
  attr() { printf '%s' "$head" | grep -o " $1=\"[^\"]*\"" | head -1 | cut -d'"' -f2; }
  name=$(attr name); tests=$(attr tests); skip=$(attr skipped); fail=$(attr failures); err=$(attr errors)
  bad=$(( ${fail:-0} + ${err:-0} ))
  printf '%-72s %5s %7s %6s\n' "$name" "$tests" "${skip:-0}" "$bad"
  total=$(( total + tests )); skipped=$(( skipped + ${skip:-0} )); failed=$(( failed + bad ))
done < <(find . -path '*/target/*-reports/TEST-*.xml' -not -path './.git/*' | sort)

if [ "$total" -eq 0 ]; then
  echo "test-summary: no test reports found" >&2
  exit 1
fi
echo "tests: $(( total - skipped - failed )) passed, $failed failed, $skipped skipped"
if [ "$failed" -gt 0 ]; then
  exit 1
fi
if [ "${CI:-}" = "true" ] && [ "$skipped" -gt 0 ]; then
  echo "test-summary: $skipped test(s) skipped under CI=true; every service they need must be started by .ci/run" >&2
  exit 1
fi
