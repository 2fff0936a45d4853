"""Steps of rising concurrency for bench/load/locustfile.py, and the figures of each step.

`StepShape` warms up, then raises the number of users step by step (`--steps 5,10,20,40`,
`--step-seconds`); at the end the figures of each step (step 0 is the warm-up) are written
beside locust's CSV files (`<csv prefix>_steps.csv`, `<csv prefix>_steps_by_page.csv`).
"""

import csv
import time

from locust import LoadTestShape, events
from locust.stats import RequestStats


@events.init_command_line_parser.add_listener
def _arguments(parser) -> None:
    parser.add_argument("--steps", default="2,5,10,20,40", help="users in each step, rising")
    parser.add_argument("--step-seconds", type=float, default=35.0, help="length of each step")
    parser.add_argument("--warmup-seconds", type=float, default=15.0, help="before the steps")


class StepShape(LoadTestShape):
    """A warm-up of `--warmup-seconds` with the first step's users (reported apart: it pays
    for the workers' first connections and templates), then `--steps` users for
    `--step-seconds` each; each step's newcomers arrive within about five seconds."""

    use_common_options = True

    def tick(self):
        options = self.runner.environment.parsed_options
        steps = [int(n) for n in options.steps.split(",")]
        run_time = self.get_run_time()
        if run_time < options.warmup_seconds:
            step = 0
        else:
            step = 1 + int((run_time - options.warmup_seconds) // options.step_seconds)
        if step > len(steps):
            return None
        users = steps[max(step - 1, 0)]
        if step != _steps.current:
            _steps.begin(step, users)
        previous = steps[step - 2] if step >= 2 else 0
        return users, max(1.0, (users - previous) / 5)


class _Steps:
    """One locust RequestStats per step, filled by the same request events as locust's own."""

    def __init__(self) -> None:
        self.current = -1
        self.stats: list[tuple[int, int, float, RequestStats]] = []  # step, users, start, stats
        self.ended: float | None = None

    def begin(self, step: int, users: int) -> None:
        self.current = step
        self.stats.append((step, users, time.monotonic(), RequestStats()))

    def end(self) -> None:
        self.ended = self.ended or time.monotonic()

    def record(self, request_type, name, response_time, response_length, exception) -> None:
        if not self.stats:
            return
        stats = self.stats[-1][3]
        stats.log_request(request_type, name, response_time, response_length or 0)
        if exception:
            stats.log_error(request_type, name, exception)

    def write(self, prefix: str) -> None:
        self.end()
        steps, pages = [], []
        for i, (step, users, started, stats) in enumerate(self.stats):
            finished = self.stats[i + 1][2] if i + 1 < len(self.stats) else self.ended
            total = stats.total
            seconds = max(finished - started, 1e-9)
            steps.append(
                {
                    "step": step,
                    "users": users,
                    "seconds": round(seconds, 1),
                    "requests": total.num_requests,
                    "failures": total.num_failures,
                    "rps": round(total.num_requests / seconds, 2),
                    "p50": total.get_response_time_percentile(0.5),
                    "p95": total.get_response_time_percentile(0.95),
                    "p99": total.get_response_time_percentile(0.99),
                    "max": round(total.max_response_time or 0),
                }
            )
            for (name, method), entry in sorted(stats.entries.items()):
                pages.append(
                    {
                        "step": step,
                        "users": users,
                        "method": method,
                        "name": name,
                        "requests": entry.num_requests,
                        "failures": entry.num_failures,
                        "p50": entry.get_response_time_percentile(0.5),
                        "p95": entry.get_response_time_percentile(0.95),
                        "max": round(entry.max_response_time or 0),
                    }
                )
            for error in stats.errors.values():
                pages.append(
                    {
                        "step": step,
                        "users": users,
                        "method": error.method,
                        "name": f"{error.name}: {error.error}"[:300],
                        "requests": 0,
                        "failures": error.occurrences,
                    }
                )
        for suffix, rows in (("_steps.csv", steps), ("_steps_by_page.csv", pages)):
            if not rows:
                continue
            fields = list(dict.fromkeys(key for row in rows for key in row))
            with open(f"{prefix}{suffix}", "w", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=fields)
                writer.writeheader()
                writer.writerows(rows)


_steps = _Steps()


@events.request.add_listener
def _count(request_type, name, response_time, response_length, exception=None, **_kwargs):
    _steps.record(request_type, name, response_time, response_length, exception)


@events.test_stopping.add_listener
def _end_of_last_step(**_kwargs) -> None:
    _steps.end()


@events.test_stop.add_listener
def _write_steps(environment, **_kwargs) -> None:
    prefix = environment.parsed_options.csv_prefix
    if prefix:
        _steps.write(prefix)
