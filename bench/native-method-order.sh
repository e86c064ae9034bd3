#!/usr/bin/env bash
# Regenerates src/Kiwigrid.Cli/native-method-order.txt: the managed methods that `kiwigrid watch` runs (start-up, login
# and readings against the emulator), which the native publish lays out first (IlcOrderFile in Kiwigrid.Cli.csproj), so
# that they share few pages instead of being spread over the whole binary (ARCHITECTURE, "Resident memory of the native
# binary"). Run it after changes to what watch runs; a name that no longer exists is skipped by the compiler, so a stale
# list costs memory, never correctness. Needs valgrind besides the native publish's clang and zlib1g-dev; takes about
# five minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
emulator_pid=
cleanup() {
  if [ -n "$emulator_pid" ]; then kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The symbol table kept (StripSymbols=false) and the DWARF dropped: valgrind names functions by the symbol table and
# refuses the compiler's DWARF.
dotnet publish src/Kiwigrid.Cli -c Release -r linux-x64 -p:PublishAot=true -p:StripSymbols=false -p:IlcOrderFile= -o "$work/out" >"$work/publish.log" 2>&1 \
  || { cat "$work/publish.log"; echo "native-method-order: the NativeAOT publish failed"; exit 1; }
objcopy --strip-debug "$work/out/kiwigrid" "$work/kiwigrid"

"$work/kiwigrid" emulator --urls http://127.0.0.1:0 --speed 60 >"$work/emulator.log" 2>&1 &
emulator_pid=$!
url=
for _ in $(seq 1 100); do
  url=$(sed -n 's/^Kiwigrid emulator on \(http[^ ]*\) .*/\1/p' "$work/emulator.log")
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { cat "$work/emulator.log"; echo "native-method-order: the emulator did not start"; exit 1; }

# Ctrl+C after 90 s ends watch as a user would; callgrind lists every function that ran.
KIWIGRID_USERNAME=demo@example.com KIWIGRID_PASSWORD=demo timeout -s INT 90 \
  valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" \
  "$work/kiwigrid" watch --cloud legacy --server "$url" --interval 5 --json >"$work/watch.out" 2>"$work/valgrind.log" || true
[ -s "$work/watch.out" ] || { tail -20 "$work/valgrind.log"; echo "native-method-order: watch printed nothing under valgrind"; exit 1; }

python3 - "$work/callgrind.out" "$work/kiwigrid" src/Kiwigrid.Cli/native-method-order.txt <<'EOF'
import re, subprocess, sys

profile, binary, order = sys.argv[1:4]
ran = set()
for line in open(profile, encoding="utf-8", errors="replace"):
    # fn=(id) name and cfn=(id) name name a function the first time it appears; 'N marks a recursion depth.
    m = re.match(r"^c?fn=\(\d+\) (\S+)", line)
    if m:
        ran.add(m.group(1).split("'")[0])

sections = subprocess.run(["readelf", "-SW", binary], capture_output=True, text=True, check=True).stdout
start, size = next((int(m.group(1), 16), int(m.group(2), 16)) for m in re.finditer(r"__managedcode\s+PROGBITS\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)", sections))
methods = {}
for line in subprocess.run(["nm", "--defined-only", binary], capture_output=True, text=True, check=True).stdout.splitlines():
    address, kind, name = line.split(maxsplit=2)
    if kind in "tT" and start <= int(address, 16) < start + size:
        methods[name] = int(address, 16)

# In the default layout's order, which keeps each assembly's methods together.
names = sorted((n for n in ran if n in methods), key=methods.get)
with open(order, "w", encoding="utf-8") as f:
    f.write("\n".join(names) + "\n")
print(f"native-method-order: {len(names)} methods that watch runs written to {order}")
EOF
