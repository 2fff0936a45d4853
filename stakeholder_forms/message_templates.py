"""The letters reviewers send a clerk: a question (ask for information) and a denial, one text
per denial reason, written by supervisors in the admin with placeholders such as
`{request_number}`.

A template is checked when it is saved: a placeholder the letter does not know, or a brace
without its pair, is refused with the name of the culprit, so a letter can never go out with a
literal `{refrence}` in it. `compose_*()` fills a template with the request's facts and returns
the e-mail exactly as the clerk receives it (`Letter`: the subject with the site's prefix, the
text body and its HTML twin); the reviewer previews that letter, and the transition
(`ask_for_information`, `deny` in workflow.py) composes it again under the row lock, refuses it
when its digest differs from the one previewed (the template was edited in between), stores
its text on the request's history and queues it. Values are inserted as they are, never
evaluated (no `str.format`, whose `{x.attr}` would read attributes).

A line whose placeholder is empty is left out: a denial without a note has no "Note from the
reviewer:" line. A template missing from the table (a reason added after the data migration)
falls back to the default text of `DEFAULTS`, which the data migration seeded.
"""

import hashlib
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .vocabulary import DenialReason

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


class LetterKind(models.TextChoices):
    INFORMATION_REQUEST = "information_request", _("Ask the clerk for information")
    DENIAL = "denial", _("Denial letter")


#: Every placeholder a letter may use, and what it stands for (shown in the admin).
PLACEHOLDERS: dict[str, str] = {
    "request_number": _("the request's tracking number, e.g. CJS-2026-000123"),
    "clerk_name": _("the requester's name, as the clerk gave it"),
    "agency_name": _("the requester's agency"),
    "subject_name": _("the person the request is about: family name, given names"),
    "obligation_date": _("the date of the missed obligation"),
    "reviewer_name": _("the name of the reviewer who sends the letter"),
    "note": _(
        "what the reviewer writes: the question, or the note on a denial (may be empty on a "
        "denial; its line is then left out)"
    ),
    "reason": _("the denial reason, as the list words it (denial letters only)"),
    "request_url": _("the address of the request's page, where the clerk answers"),
    "site_name": _("the portal's name"),
}
#: The placeholders of each kind of letter.
ALLOWED: dict[str, frozenset[str]] = {
    LetterKind.INFORMATION_REQUEST: frozenset(PLACEHOLDERS) - {"reason"},
    LetterKind.DENIAL: frozenset(PLACEHOLDERS),
}

_DENIAL_BODY = (
    "Dear {clerk_name},\n\n"
    "ERO cannot issue a certification for request {request_number} about {subject_name}.\n\n"
    "Reason: {reason}\n"
    "%(extra)s"
    "Note from the reviewer: {note}\n\n"
    "You may file a new request with more details. See the request: {request_url}\n\n"
    "{reviewer_name}, ICE Enforcement and Removal Operations\n"
    "{site_name}\n"
)
#: The texts the data migration seeds, by (kind, denial reason): factual and plain.
DEFAULTS: dict[tuple[str, str], tuple[str, str]] = {
    (LetterKind.INFORMATION_REQUEST, ""): (
        "Request {request_number}: information needed",
        "Dear {clerk_name},\n\n"
        "The ERO reviewer working on request {request_number} about {subject_name} needs more "
        "information before deciding:\n\n"
        "{note}\n\n"
        "Answer on the request's page (you may attach a PDF): {request_url}\n\n"
        "The request waits until you answer.\n\n"
        "{reviewer_name}, ICE Enforcement and Removal Operations\n"
        "{site_name}\n",
    ),
    **{
        (LetterKind.DENIAL, reason): (
            "Request {request_number}: decision",
            _DENIAL_BODY % {"extra": extra},
        )
        for reason, extra in {
            DenialReason.NO_RECORD: "ICE records hold no one who matches the person described.\n",
            DenialReason.NOT_CRIMINAL_JUSTICE: (
                "Certifications are issued only to agencies acting in an official "
                "criminal-justice capacity.\n"
            ),
            DenialReason.INSUFFICIENT_IDENTITY: (
                "A new request with the person's A-number, FBI number or other identifiers may "
                "let ERO identify them.\n"
            ),
            DenialReason.NO_RESPONSE: "The information ERO asked for was not provided.\n",
            DenialReason.DUPLICATE: "The same matter is answered by another request.\n",
            DenialReason.OUTSIDE_SCOPE: (
                "This process certifies ICE custody facts about a missed obligation only.\n"
            ),
            DenialReason.OTHER: "",
        }.items()
    },
}


def placeholder_problem(text: str, kind: str) -> str | None:
    """Why `text` may not be a template of `kind`, naming the culprit, or None."""
    allowed = ALLOWED[kind]
    for match in _PLACEHOLDER.finditer(text):
        name = match.group(1)
        if name not in allowed:
            if name in PLACEHOLDERS:
                return gettext("The placeholder {%(name)s} is not available in this letter.") % {
                    "name": name
                }
            return gettext("Unknown placeholder {%(name)s}. The placeholders are: %(known)s.") % {
                "name": name,
                "known": ", ".join(f"{{{p}}}" for p in sorted(allowed)),
            }
    # A brace outside every whole placeholder: quote it with the words beside it.
    for stray in re.finditer(r"[{}]", _PLACEHOLDER.sub(lambda m: " " * len(m.group(0)), text)):
        at = stray.start()
        if stray.group() == "{":
            context = "{" + text[at + 1 : at + 20].split("{")[0]
        else:
            context = text[max(0, at - 20) : at + 1]
        return gettext(
            "A “%(brace)s” has no pair, at “%(context)s”. Write each placeholder whole, e.g. "
            "{request_number}."
        ) % {"brace": stray.group(), "context": context.strip()}
    return None


class MessageTemplateQuerySet(models.QuerySet):
    def for_letter(self, kind: str, reason: str = "") -> "MessageTemplate":
        """The template of this letter, or its default text when none is stored."""
        found = self.filter(kind=kind, denial_reason=reason).first()
        if found is not None:
            return found
        subject, body = DEFAULTS[(kind, reason)]
        return MessageTemplate(kind=kind, denial_reason=reason, subject=subject, body=body)


class MessageTemplate(models.Model):
    """The text of one kind of letter to a clerk. Supervisors edit the subject and body in
    the admin; the set of templates is fixed (one per kind and denial reason, seeded by a data
    migration), so nobody adds or deletes one."""

    kind = models.CharField(_("letter"), max_length=24, choices=LetterKind.choices)
    denial_reason = models.CharField(
        _("denial reason"), max_length=32, choices=DenialReason.choices, blank=True
    )
    subject = models.CharField(
        pgettext_lazy("e-mail", "subject"),  # not the person a request is about
        max_length=200,
        help_text=_("The site's name in brackets is put before it."),
    )
    body = models.TextField(_("body"))
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last changed by"),
    )

    objects = MessageTemplateQuerySet.as_manager()

    class Meta:
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")
        ordering = ["kind", "denial_reason"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "denial_reason"], name="one_template_a_letter"),
            models.CheckConstraint(
                condition=(Q(kind=LetterKind.DENIAL) & ~Q(denial_reason=""))
                | (Q(kind=LetterKind.INFORMATION_REQUEST) & Q(denial_reason="")),
                name="template_reason_only_on_denials",
            ),
        ]

    def __str__(self) -> str:
        if self.kind == LetterKind.DENIAL:
            return gettext("Denial: %(reason)s") % {"reason": self.get_denial_reason_display()}
        return str(self.get_kind_display())

    def clean(self) -> None:
        errors = {}
        for field in ("subject", "body"):
            if problem := placeholder_problem(getattr(self, field), self.kind):
                errors[field] = problem
        if "body" not in errors and "{note}" not in self.body and self.needs_note:
            errors["body"] = gettext(
                "The body must contain {note}: it is where the reviewer's words go."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def needs_note(self) -> bool:
        """The letters whose point is the reviewer's own words."""
        return (
            self.kind == LetterKind.INFORMATION_REQUEST or self.denial_reason == DenialReason.OTHER
        )


@dataclass(frozen=True)
class Letter:
    """One e-mail to a clerk, exactly as it is stored and sent."""

    subject: str
    body_text: str
    body_html: str

    @property
    def digest(self) -> str:
        """What a preview and its confirmation compare: any change to the text changes it."""
        return hashlib.sha256(f"{self.subject}\0{self.body_text}".encode()).hexdigest()


def fill(text: str, values: dict[str, str]) -> str:
    """`text` with its placeholders replaced by `values`; a line with an empty one is left out.
    Unknown names (none, once a template is validated) are left as they are."""
    lines = []
    for line in text.splitlines(keepends=True):
        names = _PLACEHOLDER.findall(line)
        if any(name in values and not values[name] for name in names):
            continue
        lines.append(_PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), line))
    return "".join(lines)


def _values(stakeholder_request, *, by, note: str, reason: str = "") -> dict[str, str]:
    from django.utils.formats import date_format

    path = reverse("stakeholder_forms:request_detail", kwargs={"pk": stakeholder_request.pk})
    return {
        "request_number": stakeholder_request.tracking_number,
        "clerk_name": stakeholder_request.requester_name,
        "agency_name": stakeholder_request.agency_name,
        "subject_name": stakeholder_request.subject_display,
        "obligation_date": date_format(stakeholder_request.obligation_date, "DATE_FORMAT"),
        "reviewer_name": by.get_full_name(),
        "note": note.strip(),
        "reason": str(DenialReason(reason).label) if reason else "",
        "request_url": f"{settings.SITE_URL}{path}",
        "site_name": settings.SITE_NAME,
    }


def _letter(template: MessageTemplate, values: dict[str, str]) -> Letter:
    subject = " ".join(fill(template.subject, values).split())
    body = fill(template.body.replace("\r\n", "\n"), values)
    return Letter(
        # The prefix and the cut are leacorner.mail's, so the stored subject is this one.
        subject=f"[{settings.SITE_NAME}] {subject}"[:255],
        body_text=body,
        body_html=render_to_string("stakeholder_forms/email/letter.html", {"body": body}),
    )


def compose_information_request(stakeholder_request, *, by, note: str) -> Letter:
    """The e-mail asking the clerk for information, with the reviewer's question `note`."""
    template = MessageTemplate.objects.for_letter(LetterKind.INFORMATION_REQUEST)
    return _letter(template, _values(stakeholder_request, by=by, note=note))


def compose_denial(stakeholder_request, *, by, reason: str, note: str) -> Letter:
    """The denial letter for `reason`, with the reviewer's `note` (which may be empty)."""
    template = MessageTemplate.objects.for_letter(LetterKind.DENIAL, reason)
    return _letter(template, _values(stakeholder_request, by=by, note=note, reason=reason))
