from allauth.account.forms import AddEmailForm, LoginForm, ResetPasswordForm, SignupForm
from allauth.core import context
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from leacorner.rate_limits import ACCOUNT_EMAILS


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
    """Self-registration, for court, probation and other criminal-justice clerks."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mail address")
        self.fields["email"].help_text = _("Use your official agency or court address.")
        for name in ("email", "password1", "password2"):
            self.fields[name].widget.attrs.pop("placeholder", None)


class LimitedResetPasswordForm(AccountEmailLimitMixin, ResetPasswordForm):
    """allauth's password-reset request, within the account e-mail limit."""


class LimitedAddEmailForm(AccountEmailLimitMixin, AddEmailForm):
    """allauth's "add an e-mail address", within the account e-mail limit."""
