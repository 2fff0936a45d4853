from allauth.account.forms import AddEmailForm, LoginForm, ResetPasswordForm, SignupForm
from allauth.core import context
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from leacorner.ori import clean_ori
from leacorner.rate_limits import ACCOUNT_EMAILS

from .models import ClerkAccount


class AccountEmailLimitMixin:
    """For an account form whose success e-mails an address the visitor typed (sign-up,
    password reset, a new address): a client may have ACCOUNT_EMAIL_LIMIT of them accepted per
    ACCOUNT_EMAIL_WINDOW, so the portal is no relay for mail to addresses of anyone's choosing.
    Counted only when everything else is valid; refused with the form shown again, what was
    typed kept. (Each recipient's own limit is applied where the mail is queued, in
    accounts.adapter, whoever asks.)"""

    def clean(self):
        data = super().clean()
        if not self.errors:
            verdict = ACCOUNT_EMAILS.consume(context.request)
            if not verdict.allowed:
                minutes = max(1, -(-int(verdict.retry_after.total_seconds()) // 60))
                raise ValidationError(
                    gettext(
                        "Too many e-mails were asked for from your network. Try again in "
                        "%(minutes)d minutes."
                    )
                    % {"minutes": minutes},
                    code="too_many_emails",
                )
        return data


class NoticeLoginForm(LoginForm):
    """allauth's sign-in form; the system-use notice shown above it must be acknowledged."""

    acknowledge_notice = forms.BooleanField(
        label=_("I have read the system-use notice and agree to its terms."),
        required=True,
        error_messages={"required": _("Acknowledge the system-use notice to sign in.")},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("E-mail address")
        self.fields["login"].widget.attrs.pop("placeholder", None)
        self.fields["password"].widget.attrs.pop("placeholder", None)


class ClerkSignupForm(AccountEmailLimitMixin, SignupForm):
    """Self-registration, for court, probation and other criminal-justice clerks: who the
    person is and for which agency, so a supervisor can check them before they may file
    (accounts.models.ClerkAccount). The account is made by accounts.adapter."""

    full_name = forms.CharField(
        label=_("Your full name"), max_length=150, help_text=_("As your agency knows you.")
    )
    title = forms.CharField(
        label=ClerkAccount._meta.get_field("title").verbose_name.capitalize(),
        max_length=150,
        help_text=ClerkAccount._meta.get_field("title").help_text,
    )
    agency_name = forms.CharField(
        label=_("Agency"),
        max_length=200,
        help_text=ClerkAccount._meta.get_field("agency_name").help_text,
    )
    agency_ori = forms.CharField(
        label=_("Agency ORI"),
        max_length=20,
        help_text=ClerkAccount._meta.get_field("agency_ori").help_text,
    )

    field_order = [
        "full_name",
        "title",
        "agency_name",
        "agency_ori",
        "email",
        "password1",
        "password2",
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mail address")
        self.fields["email"].help_text = _(
            "Use your official agency or court address: a supervisor checks it, and an address "
            "on a domain ERO knows to be an agency's is approved at once."
        )
        for name in ("email", "password1", "password2"):
            self.fields[name].widget.attrs.pop("placeholder", None)
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["title"].widget.attrs["autocomplete"] = "organization-title"
        self.fields["agency_name"].widget.attrs["autocomplete"] = "organization"
        self.fields["agency_ori"].widget.attrs.update(autocomplete="off", spellcheck="false")

    def clean_full_name(self) -> str:
        return " ".join(self.cleaned_data["full_name"].split())

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())

    def clean_agency_name(self) -> str:
        return " ".join(self.cleaned_data["agency_name"].split())

    def clean_agency_ori(self) -> str:
        return clean_ori(self.cleaned_data["agency_ori"])


class LimitedResetPasswordForm(AccountEmailLimitMixin, ResetPasswordForm):
    """allauth's password-reset request, within the account e-mail limit."""


class LimitedAddEmailForm(AccountEmailLimitMixin, AddEmailForm):
    """allauth's "add an e-mail address", within the account e-mail limit."""
