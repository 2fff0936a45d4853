"""Run every benchmark of bench/ in turn (`make bench`); each one bounds its own time.

Every benchmark runs, whatever the one before it found; the exit status is 1 when any of them
had an error (a failed request, a failed check, a missing database) and 2 when none had but a
target was missed. `--report-only` (`make bench BENCH_ARGS=--report-only`) passes the flag on:
missed targets are printed and the status is 0 unless something failed.
"""

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Not benchmarks: this runner, the harness they share and its modules, and the seeder of the
# million-row database (it fills a database of its own choosing and takes minutes; run it by hand).
NOT_BENCHMARKS = {
    "run_all.py",
    "harness.py",
    "bench_redis.py",
    "browser_encoding.py",
    "verdicts.py",
    "in_process.py",
    "seed_scale.py",
}
ERROR, MISSED = 1, 2

parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("--report-only", action="store_true", help="a missed target exits 0")
options = parser.parse_args()
outcomes = {}
for script in sorted(HERE.glob("*.py")):
    if script.name in NOT_BENCHMARKS:
        continue
    print(f"== {script.name}", flush=True)
    command = [sys.executable, str(script)] + (["--report-only"] if options.report_only else [])
    try:
        outcomes[script.name] = subprocess.run(command, timeout=900).returncode
    except subprocess.TimeoutExpired:
        outcomes[script.name] = ERROR
print(
    "bench: "
    + ", ".join(
        f"{name} {({0: 'met', MISSED: 'MISSED'}).get(code, 'FAILED')}"
        for name, code in outcomes.items()
    )
)
codes = set(outcomes.values())
sys.exit(0 if codes <= {0} else ERROR if codes - {0, MISSED} else MISSED)
