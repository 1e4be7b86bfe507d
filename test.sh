#!/usr/bin/env bash
# Installs what the tests need, builds, runs every test and ends with one line: "N passed, N failed[, N skipped]".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
# The fault-handling tests open a few thousand sockets: use the open-file limit the machine allows, not the shell's default.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

"$root/scripts/install-test-deps.sh" || { echo "0 passed, 1 failed"; exit 1; }

if ! dotnet build Dure.slnx -c Release -nologo -v quiet; then
  echo "0 passed, 1 failed (build)"
  exit 1
fi

log="$(mktemp)"
dotnet test --solution Dure.slnx -c Release --no-build --no-progress 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# The last "Test run summary" block of Microsoft.Testing.Platform holds the totals over every test module.
summary="$(awk '/Test run summary/ {block=""} {block=block"\n"$0} END {print block}' "$log")"
count() { grep -oE "^ *$1: *[0-9]+" <<<"$summary" | grep -oE '[0-9]+' | tail -1; }
passed=$(count succeeded); failed=$(count failed); skipped=$(count skipped)
passed=${passed:-0}; failed=${failed:-0}; skipped=${skipped:-0}
if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; fi
rm -f "$log"

line="$passed passed, $failed failed"
[[ $skipped -gt 0 ]] && line="$line, $skipped skipped"
echo "$line"
[[ $status -eq 0 && $failed -eq 0 ]]
