"""What a person is told when the upload storage refuses a file, so their filing was not made.

Both filing flows answer this the same way (cyber_reports and stakeholder_forms views): first
what could not be stored, in the flow's own words; then the same promise everywhere, nothing
was sent, the answers are kept, try again shortly; then what else the person can do there.
"""

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


def upload_not_stored_message(not_stored: str, *other_remedies: str) -> SafeString:
    """The whole message, as HTML. `not_stored` is a full sentence ("Your document could not be
    stored just now."), not a noun to fit into ours, so that each language can make its verb
    agree with what was refused; `other_remedies` are full sentences too (empty ones are
    skipped). Each is escaped unless it is already safe HTML (a sentence with `tel:` links)."""
    sentences = [
        not_stored,
        _("Nothing was sent, and your answers are kept: try again in a few minutes."),
        *other_remedies,
    ]
    return mark_safe(  # noqa: S308 - every sentence is escaped unless already safe
        " ".join(conditional_escape(sentence) for sentence in sentences if sentence)
    )
