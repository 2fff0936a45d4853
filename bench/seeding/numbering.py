"""The portal's number counters after a seed: the one place the seeder writes them."""

from sequences.models import Sequence

from leacorner import numbering


def advance_number_counters(last_numbers: dict[str, dict[int, int]]) -> None:
    """Set each counter (leacorner.numbering: one django-sequences row per prefix and year) to
    the last number the seed used, so that the next filing continues the series instead of
    colliding with a seeded number."""
    for prefix, years in last_numbers.items():
        for year, last in years.items():
            Sequence.objects.update_or_create(
                name=numbering.sequence_name(prefix, year), defaults={"last": last}
            )
