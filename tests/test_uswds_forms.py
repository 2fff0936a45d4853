"""The USWDS crispy-forms pack: labels, hints, errors tied to inputs, fieldsets, summary."""

import importlib
import re

import pytest
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from crispy_forms.utils import render_crispy_form
from django import forms

from leacorner.forms import FieldsOnlyFormMixin


class SampleForm(forms.Form):
    name = forms.CharField(label="Full name", help_text="As on your badge.")
    email = forms.EmailField(label="E-mail")
    phone = forms.CharField(label="Phone", widget=forms.TextInput(attrs={"type": "tel"}))
    count = forms.IntegerField(label="Number of systems", required=False)
    date = forms.DateField(label="Date of the hearing")
    notes = forms.CharField(label="What happened", widget=forms.Textarea)
    kind = forms.ChoiceField(label="Agency type", choices=[("", "- Select -"), ("court", "Court")])
    answer = forms.ChoiceField(
        label="In custody?", choices=[("yes", "Yes"), ("no", "No")], widget=forms.RadioSelect
    )
    wanted = forms.MultipleChoiceField(
        label="Information requested",
        choices=[("custody", "Custody"), ("removal", "Removal")],
        widget=forms.CheckboxSelectMultiple,
    )
    document = forms.FileField(label="Supporting document", required=False)
    attest = forms.BooleanField(label="I attest")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset("Requester", "name", "email", "phone"),
            Fieldset("The obligation", "count", "date", "notes", "kind", "answer", "wanted"),
            Fieldset("Finish", "document", "attest"),
        )


def render(data=None):
    form = SampleForm(data)
    if data is not None:
        form.is_valid()
    return render_crispy_form(form)


def test_fields_render_as_uswds_inputs_with_labels_and_hints():
    html = render()
    assert '<legend class="usa-legend usa-legend--large">Requester</legend>' in html
    assert re.search(r'<label class="usa-label" for="id_name">Full name', html)
    assert '<div class="usa-hint" id="id_name_helptext">As on your badge.</div>' in html
    assert re.search(r'<input[^>]*type="text"[^>]*class="usa-input"[^>]*id="id_name"', html)
    assert re.search(r'aria-describedby="id_name_helptext"', html)
    assert 'type="date"' in html
    assert 'type="tel"' in html
    assert 'class="usa-textarea"' in html
    assert 'class="usa-select"' in html
    assert 'class="usa-file-input"' in html
    assert 'enctype="multipart/form-data"' in html


def test_radio_and_checkbox_groups_are_fieldsets_with_legends():
    html = render()
    assert re.search(
        r'<fieldset id="div_id_answer" class="usa-fieldset[^"]*">\s*<legend class="usa-legend">'
        r"In custody\?",
        html,
    )
    assert (
        'class="usa-radio__input" id="id_answer_0" type="radio" name="answer" value="yes"' in html
    )
    assert (
        'class="usa-checkbox__input" id="id_wanted_1" type="checkbox" name="wanted" '
        'value="removal"' in html
    )


def test_errors_are_tied_to_their_inputs_and_listed_in_a_summary():
    html = render({"email": "not-an-address", "answer": "maybe"})
    assert '<span class="usa-error-message" id="id_email-error">' in html
    assert re.search(
        r'<input[^>]*class="usa-input usa-input--error"[^>]*aria-describedby="id_email-error"'
        r'[^>]*aria-invalid="true"',
        html,
    )
    # Hint and error are both read with the input.
    assert 'aria-describedby="id_name_helptext id_name-error"' in html
    summary = html[html.index("leacorner-error-summary") :]
    assert "There are 9 problems with this form" in summary
    assert 'href="#id_email">E-mail: Enter a valid email address.</a>' in summary
    # A group's summary link focuses its first option.
    assert 'href="#id_answer_0">' in summary
    assert 'href="#id_wanted_0">' in summary
    assert html.index("leacorner-error-summary") < html.index("<form")


def test_values_typed_survive_a_failed_validation():
    html = render({"name": "Maria López", "notes": "Missed the 9 a.m. hearing", "kind": "court"})
    assert 'value="Maria López"' in html
    assert ">\nMissed the 9 a.m. hearing</textarea>" in html
    assert '<option value="court" selected>Court</option>' in html


class FieldsOnlySample(FieldsOnlyFormMixin, forms.Form):
    note = forms.CharField(label="Note")


class FieldsOnlyWithLayout(FieldsOnlyFormMixin, forms.Form):
    note = forms.CharField(label="Note")
    hidden_from_layout = forms.CharField(label="Not laid out", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Fieldset("About it", "note"))


def test_a_fields_only_form_renders_inside_the_pages_own_form_tag():
    html = render_crispy_form(FieldsOnlySample({"note": ""}))
    assert "<form" not in html
    assert re.search(r'<label class="usa-label[^"]*" for="id_note">Note', html)
    assert "This field is required." in html
    laid_out = render_crispy_form(FieldsOnlyWithLayout())
    assert "<form" not in laid_out
    assert '<legend class="usa-legend usa-legend--large">About it</legend>' in laid_out
    assert "Not laid out" not in laid_out  # the layout passed in is the one used


@pytest.mark.django_db
@pytest.mark.parametrize(
    "form_class",
    [
        "stakeholder_forms.forms.AnswerForm",
        "stakeholder_forms.forms.WithdrawForm",
        "stakeholder_forms.forms.VerifyForm",
        "cyber_reports.forms.CyberIncidentReportForm",
        "cyber_reports.forms.ReportUpdateForm",
    ],
)
def test_the_clerk_and_reporter_forms_render_fields_only(form_class):
    module, name = form_class.rsplit(".", 1)
    form = getattr(importlib.import_module(module), name)()
    assert isinstance(form, FieldsOnlyFormMixin)
    html = render_crispy_form(form)
    assert "<form" not in html and 'class="usa-label"' in html
