from allauth.account.forms import LoginForm, SignupForm
from django import forms
from django.utils.translation import gettext_lazy as _


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


class ClerkSignupForm(SignupForm):
    """Self-registration, for court, probation and other criminal-justice clerks."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mail address")
        self.fields["email"].help_text = _("Use your official agency or court address.")
        for name in ("email", "password1", "password2"):
            self.fields[name].widget.attrs.pop("placeholder", None)
