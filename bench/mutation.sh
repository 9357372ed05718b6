#!/usr/bin/env bash
# Mutation testing (mutmut 3.8.1) over the core packages: schema, store, mail, exchange.
# Not part of CI: a full run takes hours on the shared server. Install: pip install -e '.[test,mutation]'.
#
# Usage: bench/mutation.sh [-b SECONDS] [-j CHILDREN] [-t TESTS] [-s] [TARGET...]
#        bench/mutation.sh -r [-b SECONDS] [-j CHILDREN] [-s]
#   TARGET  a package or module path: ssa_tui/store, ssa_tui/schema/consent.py (default: the four packages)
#   -b      time budget in seconds for the whole run (default 3600); mutants not reached stay "not checked"
#   -j      parallel test processes (default: number of CPUs)
#   -t      a test folder or file to run against the mutants (repeatable; default: the core packages'
#           tests, privacy, services, security, cli and proof). A package's own tests give its figure.
#   -r      rerun the survivors (and the mutants unreached or unchecked) of the last run in $SSA_MUT_DIR
#           against the checkout's current tests (new tests are mapped first); with -t, a new test
#           selection replaces the old one. The way to see what tests written since have killed.
#   -s      print every survivor's diff (slow: one `mutmut show` each); default: their names.
#   Note: mutmut maps a test to the functions it calls in the test process; a test that runs
#   `python -m ssa_tui` as a subprocess runs the mutated code too (from the mutants folder), but
#   only for functions it also reaches in-process.
# The run works in a throw-away copy of the checkout (mutmut writes a mutants/ folder), so the
# worktree is untouched. It prints the kill rate per module and the survivors; results stay in
# $SSA_MUT_DIR (default /tmp/ssa-mutation) for `mutmut show NAME` afterwards.
set -euo pipefail

budget=3600
children=$(nproc)
tests=()
rerun=no
show=no
while getopts "b:j:t:rs" opt; do
  case $opt in
    b) budget=$OPTARG ;;
    j) children=$OPTARG ;;
    t) tests+=("$OPTARG") ;;
    r) rerun=yes ;;
    s) show=yes ;;
    *) sed -n '2,22p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(ssa_tui/schema ssa_tui/store ssa_tui/mail ssa_tui/exchange)

repo=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-$repo/.venv/bin/python}
work=${SSA_MUT_DIR:-/tmp/ssa-mutation}
"$python" -c 'import mutmut' 2>/dev/null \
  || { echo "mutmut fehlt: $python -m pip install -e '.[test,mutation]'" >&2; exit 2; }

if [ $rerun = yes ]; then
  [ -f "$work/results.txt" ] || { echo "Kein früherer Lauf in $work" >&2; exit 2; }
  # The checkout's current tests replace the copy's, in the copy and in mutants/ (mutmut runs there).
  for dest in "$work/tests" "$work/mutants/tests"; do
    rm -rf "$dest" && cp -r "$repo/tests" "$dest"
  done
  if [ ${#tests[@]} -gt 0 ]; then  # a wider selection: its tests are mapped when the run starts
    python3 - "$work/setup.cfg" "${tests[@]}" <<'CFG'
import re, sys
path, tests = sys.argv[1], sys.argv[2:]
text = open(path, encoding="utf-8").read()
lines = "".join(f"    {test}\n" for test in tests)
text = re.sub(r"(pytest_add_cli_args_test_selection =\n)(?:    .*\n)*", lambda m: m.group(1) + lines, text)
open(path, "w", encoding="utf-8").write(text)
CFG
  fi
  cp "$work/results.txt" "$work/results-before.txt"  # mutmut forgets the earlier kills of a function
  # Survivors, mutants no test reached (a wider selection may reach them now) and those the
  # last budget left unchecked.
  mapfile -t names < <(sed -n 's/^ *\([^ ]*__mutmut_[0-9]*\): \(survived\|no tests\|not checked\)$/\1/p' \
    "$work/results.txt")
  echo "${#names[@]} Überlebende, unerreichte und ungeprüfte Mutanten gegen die aktuellen Tests" >&2
else
  patterns=()
  for target in "${targets[@]}"; do
    target=${target%/}
    case $target in
      ssa_tui/schema*|ssa_tui/store*|ssa_tui/mail*|ssa_tui/exchange*) ;;
      *) echo "Nur schema, store, mail oder exchange: $target" >&2; exit 2 ;;
    esac
    [ -e "$repo/$target" ] || { echo "Nicht gefunden: $target" >&2; exit 2; }
    if [[ $target == *.py ]]; then patterns+=("$target"); else patterns+=("$target/*"); fi
  done
  if [ ${#tests[@]} -eq 0 ]; then  # mutmut runs per mutant only the tests that reach its function
    for folder in schema store mail exchange privacy services security cli proof; do
      [ -d "$repo/tests/$folder" ] && tests+=("tests/$folder")
    done
  fi

  rm -rf "$work" && mkdir -p "$work"
  (cd "$repo" && git ls-files -z --cached --others --exclude-standard \
    | xargs -0 tar cf - 2>/dev/null) | tar xf - -C "$work"
  {
    echo "[mutmut]"
    echo "source_paths = ssa_tui"
    printf 'only_mutate =\n'; printf '    %s\n' "${patterns[@]}"
    printf 'pytest_add_cli_args_test_selection =\n'; printf '    %s\n' "${tests[@]}"
    # mutmut copies only the .py files into mutants/: the templates and styles must come along
    printf 'also_copy =\n'
    (cd "$work" && find . -mindepth 1 -maxdepth 1 ! -name ssa_tui ! -name tests ! -name setup.cfg \
      ! -name pyproject.toml ! -name '.git*' -printf '    %P\n')  # README, demo db, templates
    (cd "$work" && find ssa_tui \( -type f ! -name '*.py' ! -path '*__pycache__*' -o -type l \) -printf '    %p\n')
    printf 'pytest_add_cli_args =\n    -p no:cacheprovider\n    -q\n'
  } > "$work/setup.cfg"
  # mutmut reads [tool.mutmut] from pyproject first; the copy must use setup.cfg.
  sed -i '/^\[tool\.mutmut\]/,/^\[/{/^\[tool\.mutmut\]/d}' "$work/pyproject.toml"
fi

cd "$work"
export PYTHONWARNINGS=ignore::UserWarning
if [ $rerun = yes ]; then
  echo "Wiederholung der Überlebenden, Budget ${budget}s, $children Prozesse" >&2
  timeout --signal=INT "$budget" "$python" -m mutmut run --max-children "$children" "${names[@]}" \
    >>mutmut-run.log 2>&1 || true
else
  echo "Mutanten aus ${patterns[*]}; Tests: ${tests[*]}; Budget ${budget}s, $children Prozesse" >&2
  timeout --signal=INT "$budget" "$python" -m mutmut run --max-children "$children" >mutmut-run.log 2>&1 || true
fi
"$python" -m mutmut results --all true >results.txt 2>&1 || true
SHOW=$show "$python" - <<'PY'
"""Kill rate per module from `mutmut results --all true`, survivors listed."""
import collections, os, re, subprocess, sys
counts = collections.defaultdict(collections.Counter)
survivors = []
# After a rerun (-r) mutmut shows the earlier kills of a rerun function as "not checked": they stay
# killed (the tests that killed them are still in the selection; added tests revive nothing).
before = {}
if os.path.exists("results-before.txt"):
    for line in open("results-before.txt", encoding="utf-8"):
        name, _, status = line.strip().rpartition(": ")
        before[name] = status
for line in open("results.txt", encoding="utf-8"):
    name, _, status = line.strip().rpartition(": ")
    if not name or "__mutmut_" not in name:
        continue
    if status == "not checked" and before.get(name) in ("killed", "timeout"):
        status = "killed"
    module = re.match(r"(.*?)\.x[_\u01c1]", name).group(1)  # pkg.mod.x_func__mutmut_3 / .xǁClassǁ…
    counts[module][status] += 1
    if status == "survived":
        survivors.append(name)
print(f"{'module':40} {'killed':>6} {'surv.':>6} {'other':>6}  kill rate")
total = collections.Counter()
for module, c in sorted(counts.items()):
    killed = c["killed"] + c["timeout"] + c["caught by type check"]
    tried = killed + c["survived"]
    other = sum(c.values()) - tried
    total.update(killed=killed, survived=c["survived"], other=other)
    rate = f"{100 * killed / tried:5.1f} %" if tried else "  -"
    print(f"{module:40} {killed:6} {c['survived']:6} {other:6}  {rate}")
tried = total["killed"] + total["survived"]
if tried:
    print(f"{'total':40} {total['killed']:6} {total['survived']:6} {total['other']:6}  {100 * total['killed'] / tried:5.1f} %")
print("(other = not checked within the budget, skipped, or no test covers it)")
print(f"\n{len(survivors)} survivors" + (":" if survivors else ""))
for name in survivors:
    if os.environ.get("SHOW") == "yes":
        print("\n== survived:", name)
        print(subprocess.run([sys.executable, "-m", "mutmut", "show", name], capture_output=True, text=True).stdout)
    else:
        print(name)
PY
