"""The portal's number counters after a seed: the one place the seeder writes them."""

from cyber_reports.models import TrackingSequence
from stakeholder_forms.models import NumberCounter


def advance_number_counters(last_numbers: dict[str, dict[int, int]]) -> None:
    """Set each counter to the last number the seed used of its prefix and year, so that the
    next filing continues the sequence instead of colliding with a seeded number: CJS (requests)
    and CERT (certifications) in stakeholder_forms' NumberCounter, CIR (cyber reports) in
    cyber_reports' TrackingSequence."""
    for prefix, years in last_numbers.items():
        for year, last in years.items():
            if prefix == "CIR":
                TrackingSequence.objects.update_or_create(year=year, defaults={"last_value": last})
            else:
                NumberCounter.objects.update_or_create(
                    prefix=prefix, year=year, defaults={"last_number": last}
                )
