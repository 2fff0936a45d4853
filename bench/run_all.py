"""Run every benchmark of bench/ in turn (`make bench`); each one bounds its own time."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOT_BENCHMARKS = {"run_all.py", "harness.py"}

for script in sorted(HERE.glob("*.py")):
    if script.name in NOT_BENCHMARKS:
        continue
    print(f"== {script.name}", flush=True)
    subprocess.run([sys.executable, str(script)], check=True, timeout=900)
