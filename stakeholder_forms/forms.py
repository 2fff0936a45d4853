"""The clerk's forms (new request, answer, withdraw), the public verification form and the
reviewers' decision forms used in the admin."""

from crispy_forms.layout import HTML, Fieldset, Layout
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from leacorner.forms import FieldsOnlyFormMixin
from leacorner.pdf_safety import PDF_HEADER, UnsafePDF, check_pdf
from leacorner.phone_numbers import clean_phone

from . import identifiers
from .certification import Certification
from .models import StakeholderRequest
from .vocabulary import INFORMATION_ITEMS, AgencyType, DenialReason, ObligationType
from .workflow import reviewers

TYPED_LENGTHS = {"a_number": 20, "agency_ori": 20, "fbi_number": 20, "state_id_number": 30}


def validate_pdf(upload) -> None:
    """A PDF by content, not by name, no larger than STAKEHOLDER_DOCUMENT_MAX_BYTES, with
    nothing in it that runs when a reviewer opens it (the rule: `leacorner.pdf_safety`)."""
    limit = settings.STAKEHOLDER_DOCUMENT_MAX_BYTES
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the largest accepted is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    try:
        check_pdf(upload)
    except UnsafePDF as refusal:
        raise ValidationError(refusal.message, code=refusal.problem) from refusal


def _not_in_future(value, message: str):
    if value and value > timezone.localdate():
        raise ValidationError(message, code="future")
    return value


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class StakeholderRequestForm(FieldsOnlyFormMixin, forms.ModelForm):
    """Everything a clerk gives when filing a request. Every problem is reported at once."""

    information_requested = forms.MultipleChoiceField(
        label=gettext_lazy("What do you need to know?"),
        choices=list(INFORMATION_ITEMS.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Choose at least one."),
        error_messages={"required": gettext_lazy("Choose at least one piece of information.")},
    )
    document = forms.FileField(
        label=gettext_lazy("Supporting document (optional)"),
        required=False,
        help_text=gettext_lazy(
            "For example the bench warrant or the docket entry. PDF only, at most 10 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    remove_document = forms.BooleanField(
        label=gettext_lazy("Remove the attached document"), required=False
    )
    attested = forms.BooleanField(
        label=gettext_lazy(
            "I ask for this information in my official capacity at a criminal-justice agency, "
            "for use in the case named above."
        ),
        error_messages={
            "required": gettext_lazy(
                "Confirm that you ask in an official criminal-justice capacity."
            )
        },
    )
    duplicates_seen = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = StakeholderRequest
        fields = [
            "requester_name",
            "requester_title",
            "agency_name",
            "agency_type",
            "agency_type_other",
            "agency_ori",
            "requester_phone",
            "requester_email",
            "mailing_address",
            "subject_family_name",
            "subject_given_names",
            "subject_middle_name",
            "subject_other_names",
            "subject_date_of_birth",
            "subject_country_of_birth",
            "subject_sex",
            "a_number",
            "fbi_number",
            "state_id_number",
            "booking_number",
            "obligation_type",
            "obligation_type_other",
            "obligation_date",
            "obligation_court",
            "case_number",
            "obligation_description",
            "attested",
        ]
        widgets = {
            "agency_type": forms.Select,
            "subject_sex": forms.RadioSelect,
            "subject_date_of_birth": DateInput,
            "obligation_date": DateInput,
            "mailing_address": forms.Textarea(attrs={"rows": 3}),
            "subject_other_names": forms.Textarea(attrs={"rows": 2}),
            "obligation_description": forms.Textarea(attrs={"rows": 5}),
            "a_number": forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            "requester_phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "requester_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "requester_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "agency_name": forms.TextInput(attrs={"autocomplete": "organization"}),
        }

    def __init__(self, *args, user, draft=None, **kwargs):
        """`user` is the clerk filing; None for the printed form (printable_form.py), which
        asks for the e-mail address instead of taking the account's."""
        super().__init__(*args, **kwargs)
        self.user = user
        self.draft = draft
        email = self.fields["requester_email"]
        if user is not None:
            email.disabled = True
            email.initial = user.email
            email.help_text = _(
                "The address of your account; every notice about the request goes there."
            )
        if user is not None and not self.initial.get("requester_name") and not self.is_bound:
            self.initial["requester_name"] = user.full_name
        self.fields["agency_type"].choices = [("", _("- Select -")), *AgencyType.choices]
        self.fields["obligation_type"].choices = [("", _("- Select -")), *ObligationType.choices]
        self.fields["subject_sex"].choices = self.fields["subject_sex"].choices[1:]
        self.fields["subject_date_of_birth"].widget.attrs["max"] = timezone.localdate().isoformat()
        self.fields["obligation_date"].widget.attrs["max"] = timezone.localdate().isoformat()
        # Identifiers are typed with spaces and dashes; their cleaners shorten them to the
        # stored length, so the typed text may be longer than the column.
        for name, typed_length in TYPED_LENGTHS.items():
            field = self.fields[name]
            field.max_length = typed_length
            field.validators = [
                v for v in field.validators if not isinstance(v, MaxLengthValidator)
            ] + [MaxLengthValidator(typed_length)]
            field.widget.attrs["maxlength"] = str(typed_length)
        has_document = bool(draft and draft.document)
        if has_document:
            self.fields["document"].label = _("Replace the supporting document (optional)")
        else:
            del self.fields["remove_document"]
        self.helper.layout = Layout(
            Fieldset(
                _("About you and your agency"),
                "requester_name",
                "requester_title",
                "agency_name",
                "agency_type",
                "agency_type_other",
                "agency_ori",
                "requester_phone",
                "requester_email",
                "mailing_address",
            ),
            Fieldset(
                _("The person"),
                "subject_family_name",
                "subject_given_names",
                "subject_middle_name",
                "subject_other_names",
                "subject_date_of_birth",
                "subject_country_of_birth",
                "subject_sex",
                "a_number",
                "fbi_number",
                "state_id_number",
                "booking_number",
            ),
            Fieldset(
                _("The obligation that was missed"),
                "obligation_type",
                "obligation_type_other",
                "obligation_date",
                "obligation_court",
                "case_number",
                "obligation_description",
            ),
            Fieldset(_("Information requested"), "information_requested"),
            Fieldset(
                _("Supporting document"),
                HTML(
                    '{% load i18n %}{% if form.draft.document %}<p class="usa-hint" '
                    'id="attached-document">{% translate "Attached:" %} '
                    "{{ form.draft.document_name }}</p>{% endif %}"
                ),
                "document",
                *(["remove_document"] if has_document else []),
            ),
            Fieldset(_("Attestation"), "attested", "duplicates_seen"),
        )

    # Identifiers: one stored form each, whatever the clerk typed.
    def clean_agency_ori(self) -> str:
        return identifiers.clean_ori(self.cleaned_data["agency_ori"])

    def clean_a_number(self) -> str:
        return identifiers.clean_a_number(self.cleaned_data["a_number"])

    def clean_fbi_number(self) -> str:
        return identifiers.clean_fbi_number(self.cleaned_data["fbi_number"])

    def clean_state_id_number(self) -> str:
        return identifiers.clean_state_id(self.cleaned_data["state_id_number"])

    def clean_booking_number(self) -> str:
        return identifiers.clean_booking_number(self.cleaned_data["booking_number"])

    def clean_requester_phone(self) -> str:
        return clean_phone(self.cleaned_data["requester_phone"])

    def clean_requester_email(self) -> str:
        return self.user.email

    def clean_subject_date_of_birth(self):
        value = _not_in_future(
            self.cleaned_data["subject_date_of_birth"], _("The date of birth is in the future.")
        )
        if value and value.year < 1900:
            raise ValidationError(_("Check the year of birth."), code="too_old")
        return value

    def clean_obligation_date(self):
        return _not_in_future(
            self.cleaned_data["obligation_date"],
            _("The obligation date is in the future; a request is for an obligation missed."),
        )

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if upload:
            validate_pdf(upload)
        return upload

    def clean(self):
        data = super().clean()
        if data.get("agency_type") == AgencyType.OTHER and not data.get("agency_type_other"):
            self.add_error("agency_type_other", _("Say what kind of agency yours is."))
        if data.get("obligation_type") == ObligationType.OTHER and not data.get(
            "obligation_type_other"
        ):
            self.add_error("obligation_type_other", _("Say what the obligation was."))
        born, due = data.get("subject_date_of_birth"), data.get("obligation_date")
        if born and due and due < born:
            self.add_error("obligation_date", _("The obligation date is before the date of birth."))
        wanted = set(data.get("information_requested") or [])
        for field in INFORMATION_ITEMS:
            setattr(self.instance, field, field in wanted)
        return data

    def model_fields(self) -> dict:
        """The validated values of the request's own fields, for `submit_request`."""
        fields = {name: self.cleaned_data[name] for name in self._meta.fields}
        fields.update({item: getattr(self.instance, item) for item in INFORMATION_ITEMS})
        return fields


class AnswerForm(FieldsOnlyFormMixin, forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Your answer"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": gettext_lazy("Write your answer.")},
    )
    document = forms.FileField(
        label=gettext_lazy("Document (optional)"),
        required=False,
        help_text=gettext_lazy("PDF only, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if upload:
            validate_pdf(upload)
        return upload


class WithdrawForm(FieldsOnlyFormMixin, forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Why are you withdrawing it? (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class VerifyForm(FieldsOnlyFormMixin, forms.Form):
    number = forms.CharField(
        label=gettext_lazy("Certification number"),
        max_length=30,
        help_text=gettext_lazy("As printed on the certification, for example CERT-2026-000045."),
        error_messages={"required": gettext_lazy("Enter the certification number.")},
    )
    code = forms.CharField(
        label=gettext_lazy("Verification code"),
        max_length=20,
        help_text=gettext_lazy("The 10-character code printed under the number, e.g. ABCDE-23456."),
        error_messages={"required": gettext_lazy("Enter the verification code.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].widget.attrs.update(autocomplete="off", spellcheck="false")
        self.fields["code"].widget.attrs.update(autocomplete="off", spellcheck="false")

    def clean_number(self) -> str:
        return "".join(self.cleaned_data["number"].split()).upper()


class ComparePDFForm(VerifyForm):
    """The number and code checked already (carried as hidden fields, checked again with the
    rate limit), and a PDF to compare byte for byte with the one issued. The file is only
    hashed, never opened or stored: so it need not pass the filing's safety rule, only look
    like a PDF and be no larger than a certification ever is (a few kilobytes; the limit
    leaves room for a copy re-saved by another program, which then differs)."""

    pdf = forms.FileField(
        label=gettext_lazy("The certification PDF"),
        help_text=gettext_lazy(
            "The PDF file you were given, as it was sent to you, at most 2 MB. A printed "
            "copy or a scan cannot be compared this way: compare its facts with those above."
        ),
        error_messages={
            "required": gettext_lazy("Choose the PDF file to compare."),
            "empty": gettext_lazy("The file is empty."),
            "invalid": gettext_lazy("No file arrived. Choose the PDF file again."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def __init__(self, *args, **kwargs):
        # Its own ids: the page shows the check form below it, with the same field names.
        kwargs.setdefault("auto_id", "id_compare_%s")
        super().__init__(*args, **kwargs)
        self.fields["number"].widget = forms.HiddenInput()
        self.fields["code"].widget = forms.HiddenInput()

    def clean_pdf(self):
        upload = self.cleaned_data["pdf"]
        limit = settings.CERTIFICATION_COMPARE_MAX_BYTES
        if upload.size > limit:
            raise ValidationError(
                _(
                    "The file is %(size)s; a certification PDF from the portal is far smaller, "
                    "and the largest compared is %(limit)s. Choose the PDF you were sent."
                )
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
                code="too_large",
            )
        upload.seek(0)
        head = upload.read(len(PDF_HEADER))
        upload.seek(0)
        if head != PDF_HEADER:
            raise ValidationError(
                _("This file is not a PDF. Choose the certification's PDF file."),
                code="not_pdf",
            )
        return upload


# --- Reviewers (admin) ---------------------------------------------------------------------------
class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReviewerField(forms.ModelChoiceField):
    """An active ERO reviewer, shown by name and e-mail (two people may share a name)."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.get_full_name()} <{obj.email}>" if obj.full_name else obj.email


class AssignmentForm(forms.Form):
    """Whom a supervisor gives one or many requests to (supervision_admin.py)."""

    reviewer = ReviewerField(
        label=gettext_lazy("Assign to"),
        queryset=reviewers(),
        empty_label=gettext_lazy("Choose a reviewer"),
        help_text=gettext_lazy("Active ERO reviewers and supervisors. They are e-mailed."),
        error_messages={
            "required": gettext_lazy("Choose the reviewer to assign to."),
            "invalid_choice": gettext_lazy(
                "That reviewer is no longer active; choose another from the list."
            ),
        },
    )


class SingleAssignmentForm(VersionedForm, AssignmentForm):
    pass


class LetterForm(VersionedForm):
    """A letter to the clerk: written, previewed, then confirmed. `previewed` carries the
    digest of the letter the reviewer saw (message_templates.Letter.digest)."""

    previewed = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)


class InformationRequestForm(LetterForm):
    message = forms.CharField(
        label=gettext_lazy("What the clerk should provide"),
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80}),
        max_length=5000,
        error_messages={"required": gettext_lazy("Write what the clerk should provide.")},
    )


class DenialForm(LetterForm):
    reason = forms.ChoiceField(
        label=gettext_lazy("Reason"),
        choices=[("", "---------"), *DenialReason.choices],
        error_messages={
            "required": gettext_lazy("Choose a reason from the list."),
            "invalid_choice": gettext_lazy("Choose a reason from the list."),
        },
    )
    note = forms.CharField(
        label=gettext_lazy("Note to the clerk"),
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        max_length=5000,
        required=False,
        help_text=gettext_lazy(
            "Required when the reason is “Other”. Put into the reason's letter, which you see "
            "before it is sent."
        ),
    )

    def clean(self):
        data = super().clean()
        if "reason" in data and (
            problem := StakeholderRequest.denial_problem(data["reason"], data.get("note") or "")
        ):
            self.add_error(*problem)
        return data


class FindingsForm(forms.ModelForm):
    """The certification's findings, checked against each other and the request."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    in_custody_on_date = forms.TypedChoiceField(
        label=gettext_lazy("In ICE custody on the obligation date?"),
        choices=[("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Say whether the person was in ICE custody.")},
    )

    class Meta:
        model = Certification
        fields = list(Certification.FINDING_FIELDS)
        widgets = {
            "custody_from": DateInput,
            "custody_to": DateInput,
            "removed_on": DateInput,
            "released_on": DateInput,
            "current_status": forms.RadioSelect,
        }

    def __init__(self, *args, stakeholder_request, **kwargs):
        super().__init__(*args, **kwargs)
        self.stakeholder_request = stakeholder_request
        self.fields["current_status"].choices = self.fields["current_status"].choices[1:]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        candidate = Certification(
            request=self.stakeholder_request,
            **{field: data.get(field) for field in Certification.FINDING_FIELDS},
        )
        candidate.facility = candidate.facility or ""
        candidate.removal_country = candidate.removal_country or ""
        try:
            candidate.validate_findings()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    self.add_error(field, message)
        return data

    def _post_clean(self):
        # The certification is built by StakeholderRequest.approve, not by this form.
        pass

    def findings(self) -> dict:
        return {field: self.cleaned_data.get(field) for field in Certification.FINDING_FIELDS}


class RevocationForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for the revocation"),
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        max_length=5000,
        help_text=gettext_lazy("The clerk sees this reason and is e-mailed."),
        error_messages={"required": gettext_lazy("Give the reason for the revocation.")},
    )
