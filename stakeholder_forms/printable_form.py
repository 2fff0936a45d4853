"""The request form on paper (fpdf2, as the certification): for an agency that files by
e-mail or post, as the ICE page's "Criminal Justice Stakeholder Request Form" PDF offered.

It is drawn from the live form itself, `StakeholderRequestForm`: its sections (the layout's
fieldsets), and in each its fields' labels, help texts, required marks and choices, in the
order the page shows them. So a field added, renamed or explained differently online is on
paper the same day, and tests/stakeholder_forms/test_printable.py reads the PDF back to check
that every label is there. What cannot be on paper is said instead: the e-mail address is
typed (online it is the account's), a supporting document is enclosed (online it is uploaded).
Nothing on it depends on the visitor (only its creation date on the moment it is rendered),
so public caches may keep it for an hour.
"""

from crispy_forms.layout import Fieldset
from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from .certification_pdf import GREY, NAVY, latin1
from .forms import StakeholderRequestForm

LINE = 5  # mm: one line of text
BOX = 4  # mm: a tick box
#: Writing room for a text area: the rows the page gives it, 7 mm each.
ROW = 7


class _FormPDF(FPDF):
    def __init__(self) -> None:
        super().__init__(format="letter", unit="mm")
        self.set_margins(20, 16, 20)
        self.set_auto_page_break(auto=True, margin=20)
        self.set_title(latin1(_("Criminal Justice Stakeholder Request Form")))
        self.set_author(latin1(settings.SITE_NAME))

    def header(self) -> None:
        self.set_fill_color(*NAVY)
        self.rect(0, 0, self.w, 5, style="F")
        self.set_y(10)
        self.set_font("Helvetica", "B", 9)
        self.set_text_color(*GREY)
        self.cell(
            0,
            5,
            latin1(
                _(
                    "U.S. Immigration and Customs Enforcement - ERO - Criminal Justice "
                    "Stakeholder Request Form"
                )
            ),
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.set_text_color(0, 0, 0)
        self.ln(2)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(*GREY)
        self.cell(
            0,
            4,
            latin1(
                _("Page %(page)s of {nb} - file online at %(url)s")
                % {"page": self.page_no(), "url": _url("stakeholder_forms:request_create")}
            ),
            align="C",
        )


def _url(name: str) -> str:
    return f"{settings.SITE_URL}{reverse(name)}"


def form_sections() -> list[tuple[str, list[tuple[str, forms.Field]]]]:
    """The form's sections as the page shows them: (legend, [(name, field), ...]), without
    the hidden fields and those only a draft has."""
    form = StakeholderRequestForm(user=None)
    sections = []
    for item in form.helper.layout.fields:
        if not isinstance(item, Fieldset):
            continue
        fields = [
            (name, form.fields[name])
            for name in item.fields
            if isinstance(name, str)
            and name in form.fields
            and not form.fields[name].widget.is_hidden
        ]
        if fields:
            sections.append((str(item.legend), fields))
    return sections


def render_printable_form() -> bytes:
    """The printable request form as PDF bytes."""
    pdf = _FormPDF()
    pdf.alias_nb_pages()
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def text(value: str, *, size: float = 9.5, style: str = "", colour=(0, 0, 0)) -> None:
        pdf.set_font("Helvetica", style, size)
        pdf.set_text_color(*colour)
        pdf.multi_cell(width, LINE, latin1(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(0, 0, 0)

    def tick_box(label: str) -> None:
        if pdf.will_page_break(LINE + 1):
            pdf.add_page()
        y = pdf.get_y()
        pdf.rect(pdf.l_margin + 1, y + 0.6, BOX, BOX)
        pdf.set_x(pdf.l_margin + BOX + 4)
        pdf.set_font("Helvetica", "", 9.5)
        pdf.multi_cell(width - BOX - 4, LINE, latin1(label), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(0.8)

    def writing_room(height: float) -> None:
        if pdf.will_page_break(height + 2):
            pdf.add_page()
        pdf.rect(pdf.l_margin, pdf.get_y(), width, height)
        pdf.set_y(pdf.get_y() + height + 1)

    pdf.set_font("Helvetica", "B", 16)
    pdf.set_text_color(*NAVY)
    pdf.cell(
        0,
        9,
        latin1(_("Criminal Justice Stakeholder Request Form")),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    text(
        _(
            "For criminal-justice agencies asking whether a person's missed court date or other "
            "obligation was caused by ICE enforcement, detention or removal. ICE Enforcement "
            "and Removal Operations (ERO) answers with a certification."
        )
    )
    pdf.ln(1)
    text(
        _(
            "Faster online: file at %(url)s and follow the request there. On paper: write "
            "clearly in capital letters, sign, and send the form to %(email)s or by standard "
            "mail. Questions: the ERO Detention Reporting and Information Line, %(phone)s."
        )
        % {
            "url": _url("stakeholder_forms:request_create"),
            "email": settings.STAKEHOLDER_PAPER_EMAIL,
            "phone": settings.STAKEHOLDER_INFORMATION_LINE,
        },
        style="B",
    )
    text(_("Fields marked with an asterisk (*) are required."), size=9, colour=GREY)

    for legend, fields in form_sections():
        if pdf.will_page_break(30):
            pdf.add_page()
        pdf.ln(3)
        pdf.set_font("Helvetica", "B", 12)
        pdf.set_text_color(*NAVY)
        pdf.cell(0, 7, latin1(legend), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_draw_color(*NAVY)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + width, pdf.get_y())
        pdf.set_draw_color(0, 0, 0)
        pdf.ln(1.5)
        for name, field in fields:
            _draw_field(pdf, name, field, text, tick_box, writing_room)
    pdf.ln(4)
    if pdf.will_page_break(20):
        pdf.add_page()
    text(_("Signature and date"), style="B")
    writing_room(12)
    return bytes(pdf.output())


def _draw_field(pdf, name, field, text, tick_box, writing_room) -> None:
    label = str(field.label) + (" *" if field.required else "")
    help_text = strip_tags(str(field.help_text or ""))
    widget = field.widget
    if isinstance(field, forms.BooleanField):
        tick_box(label)
        return
    if pdf.will_page_break(18):
        pdf.add_page()
    text(label, style="B")
    if name == "requester_email":
        help_text = _("Where ERO sends its answer.")
    if isinstance(field, forms.FileField):
        help_text = _(
            "Enclose a copy with this form, for example the bench warrant or the docket entry."
        )
    if help_text:
        text(help_text, size=8.5, colour=GREY)
    if isinstance(field, forms.FileField):
        tick_box(_("A copy is enclosed"))
    elif isinstance(widget, (forms.CheckboxSelectMultiple, forms.RadioSelect, forms.Select)):
        for value, choice in field.choices:
            if value != "":
                tick_box(str(choice))
    elif isinstance(widget, forms.DateInput):
        pdf.set_font("Helvetica", "", 8.5)
        pdf.set_text_color(*GREY)
        pdf.cell(0, LINE, latin1(_("Month / day / year")), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(0, 0, 0)
        writing_room(8)
    elif isinstance(widget, forms.Textarea):
        writing_room(ROW * int(widget.attrs.get("rows", 3)))
    else:
        writing_room(8)
    pdf.ln(1)
