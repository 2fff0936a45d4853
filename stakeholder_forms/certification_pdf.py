"""The certification as a PDF (fpdf2): letterhead, both numbers, the subject, the obligation,
the findings, the statement, the certifying officer, the date and the verification code.
Its words come from `certificate_text()`, which the reviewer's preview renders as well."""

import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from .certification import Certification

NAVY = (22, 46, 81)
GREY = (92, 92, 92)
RED = (181, 9, 9)
LABEL_WIDTH = 76  # mm: the longest label ("In ICE custody on the obligation date") fits


def latin1(text: str) -> str:
    """The PDF's core fonts cover Latin-1 only: keep accents that fit, strip the others'
    marks (Nguyễn → Nguyen) and replace what is left with '?'."""
    text = str(text).replace("—", "-").replace("–", "-").replace("’", "'").replace("“", '"')
    text = text.replace("”", '"')
    out = []
    for ch in text:
        try:
            ch.encode("latin-1")
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", ch)
            base = "".join(c for c in base if not unicodedata.combining(c))
            try:
                base.encode("latin-1")
            except UnicodeEncodeError:
                base = "?"
            out.append(base or "?")
        else:
            out.append(ch)
    return "".join(out)


def _day(value) -> str:
    return date_format(value) if value else "-"


class _CertificationPDF(FPDF):
    def __init__(self, certification: Certification):
        super().__init__(format="letter", unit="mm")
        self.certification = certification
        self.set_margins(20, 18, 20)
        self.set_auto_page_break(auto=True, margin=22)
        self.set_title(latin1(_("Certification %(n)s") % {"n": certification.number}))
        self.set_author(latin1(settings.SITE_NAME))
        self.set_creation_date(certification.issued_at)

    def header(self) -> None:
        self.set_fill_color(*NAVY)
        self.rect(0, 0, self.w, 6, style="F")
        self.set_y(12)
        first, *others = letterhead()
        self.set_font("Helvetica", "B", 15)
        self.set_text_color(*NAVY)
        self.cell(0, 7, latin1(first), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font("Helvetica", "", 10)
        self.set_text_color(*GREY)
        for line in others:
            self.cell(0, 5, latin1(line), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*NAVY)
        self.set_line_width(0.6)
        self.line(self.l_margin, self.get_y() + 2, self.w - self.r_margin, self.get_y() + 2)
        self.ln(6)
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_y(-18)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(*GREY)
        verify = f"{settings.SITE_URL}{reverse('verify_certification')}"
        self.multi_cell(
            0,
            4,
            latin1(
                _(
                    "Check this certification at %(url)s with its number %(number)s and the "
                    "verification code %(code)s."
                )
                % {
                    "url": verify,
                    "number": self.certification.number,
                    "code": self.certification.verification_code,
                }
            ),
            align="C",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.cell(
            0,
            4,
            latin1(_("Page %(page)s of {nb}") % {"page": self.page_no()}),
            align="C",
        )


@dataclass(frozen=True)
class Section:
    """One part of the certificate: a heading, then label–value rows or a paragraph."""

    heading: str
    rows: tuple[tuple[str, str], ...] = ()
    text: str = ""


@dataclass(frozen=True)
class CertificateText:
    """Every word of the certificate below its letterhead, in order: the one source of the
    PDF and of the reviewer's preview before issue (decision_admin.py), so they cannot drift."""

    title: str
    sections: tuple[Section, ...]
    closing: str


def letterhead() -> tuple[str, ...]:
    return (
        _("U.S. Immigration and Customs Enforcement"),
        _("Enforcement and Removal Operations - Criminal Justice Stakeholder Certification"),
        _("Issued through %(site)s") % {"site": settings.SITE_NAME},
    )


def certificate_text(certification: Certification, *, number: str, code: str) -> CertificateText:
    """The certificate's words. `number` and `code` are the certification's own once issued;
    a preview passes what stands in for them until then."""
    req = certification.request
    names = " ".join(filter(None, [req.subject_given_names, req.subject_middle_name]))
    findings = [
        (
            _("In ICE custody on the obligation date"),
            _("Yes") if certification.in_custody_on_date else _("No"),
        )
    ]
    if certification.custody_from:
        findings.append(
            (
                _("ICE custody"),
                _("from %(start)s to %(end)s")
                % {
                    "start": _day(certification.custody_from),
                    "end": _day(certification.custody_to)
                    if certification.custody_to
                    else _("present"),
                },
            )
        )
        findings.append((_("Facility"), certification.facility))
    if certification.released_on:
        findings.append((_("Released from ICE custody"), _day(certification.released_on)))
    if certification.removed_on:
        findings.append(
            (
                _("Removed from the United States"),
                _("%(day)s, to %(country)s")
                % {"day": _day(certification.removed_on), "country": certification.removal_country},
            )
        )
    findings.append((_("Current status"), certification.get_current_status_display()))
    subject = [
        (_("Name"), f"{req.subject_family_name.upper()}, {names}"),
        (_("Date of birth"), _day(req.subject_date_of_birth)),
        (_("Country of birth"), req.subject_country_of_birth),
    ]
    if req.a_number:
        subject.append((_("A-number"), req.a_number_display))
    return CertificateText(
        title=_("Certification of ICE custody facts"),
        sections=(
            Section(
                "",
                (
                    (_("Certification number"), number),
                    (_("Request tracking number"), req.tracking_number),
                    (_("Verification code"), code),
                    (_("Date of issue"), _day(certification.issued_on)),
                ),
            ),
            Section(
                _("Requested by"),
                (
                    (_("Requester"), f"{req.requester_name}, {req.requester_title}"),
                    (_("Agency"), f"{req.agency_name} ({req.agency_type_display})"),
                ),
            ),
            Section(_("Subject"), tuple(subject)),
            Section(
                _("Obligation"),
                (
                    (_("Type"), req.obligation_display),
                    (_("Date"), _day(req.obligation_date)),
                    (_("Court or agency"), req.obligation_court),
                    (_("Case or docket number"), req.case_number),
                ),
            ),
            Section(_("Findings"), tuple(findings)),
            Section(_("Statement"), text=certification.statement),
            Section(
                _("Certifying officer"),
                (
                    (_("Name"), certification.officer_name),
                    (_("Office"), _("ICE Enforcement and Removal Operations")),
                    (_("Date"), _day(certification.issued_on)),
                ),
            ),
        ),
        closing=_(
            "Issued electronically by the officer named above, without a handwritten "
            "signature; the verification code confirms it."
        ),
    )


def render_certification_pdf(certification: Certification) -> bytes:
    """The certification's PDF as bytes. A revoked certification says so on every page."""
    pdf = _CertificationPDF(certification)
    pdf.alias_nb_pages()
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def heading(text: str) -> None:
        pdf.ln(2)
        pdf.set_font("Helvetica", "B", 11)
        pdf.set_text_color(*NAVY)
        pdf.cell(0, 6, latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(0, 0, 0)

    def row(label: str, value: str) -> None:
        pdf.set_font("Helvetica", "B", 9.5)
        pdf.cell(LABEL_WIDTH, 5.5, latin1(label))
        pdf.set_font("Helvetica", "", 9.5)
        pdf.multi_cell(
            width - LABEL_WIDTH, 5.5, latin1(value or "-"), new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )

    if certification.is_revoked:
        pdf.set_font("Helvetica", "B", 12)
        pdf.set_text_color(*RED)
        pdf.multi_cell(
            0,
            6,
            latin1(
                _(
                    "REVOKED on %(day)s. This certification no longer certifies anything. "
                    "Reason: %(why)s"
                )
                % {
                    "day": _day(timezone.localdate(certification.revoked_at)),
                    "why": certification.revocation_reason,
                }
            ),
            border=1,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        pdf.set_text_color(0, 0, 0)
        pdf.ln(2)

    text = certificate_text(
        certification, number=certification.number, code=certification.verification_code
    )
    pdf.set_font("Helvetica", "B", 13)
    pdf.cell(0, 7, latin1(text.title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for section in text.sections:
        if section.heading:
            heading(section.heading)
        for label, value in section.rows:
            row(label, value)
        if section.text:
            pdf.set_font("Helvetica", "", 10)
            pdf.multi_cell(0, 5.5, latin1(section.text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    pdf.set_font("Helvetica", "I", 9)
    pdf.set_text_color(*GREY)
    pdf.multi_cell(0, 5, latin1(text.closing), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())
