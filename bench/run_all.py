"""Run every benchmark of bench/ in turn (`make bench`); each one bounds its own time."""

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Not benchmarks: this runner, the harness they share, and the seeder of the million-row
# database (it fills a database of its own choosing and takes minutes; run it by hand).
NOT_BENCHMARKS = {"run_all.py", "harness.py", "seed_scale.py"}

argparse.ArgumentParser(description=__doc__).parse_args()  # --help says what this runs
for script in sorted(HERE.glob("*.py")):
    if script.name in NOT_BENCHMARKS:
        continue
    print(f"== {script.name}", flush=True)
    subprocess.run([sys.executable, str(script)], check=True, timeout=900)
