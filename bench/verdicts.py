"""Exit statuses of the benchmarks, so that `make bench` fails when a target is missed."""

# Exit statuses of a benchmark: every figure taken and every target met; an error (a failed
# request, a check of the stored data, a missing database); a target missed.
MET, ERROR, MISSED = 0, 1, 2


def add_verdict_option(parser) -> None:
    """`--report-only`: a missed target is printed but the exit status stays 0."""
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="exit 0 when a target is missed (errors still exit 1)",
    )


def verdict_status(met: bool, options) -> int:
    """The exit status of a run without errors: MISSED unless every target was met or the run
    only reports."""
    return MET if met or options.report_only else MISSED
