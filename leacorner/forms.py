"""Site-wide form pieces, used with the USWDS crispy pack (templates/uswds/)."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy

from .legal_holds import REASON_MAX_LENGTH


class FieldsOnlyFormMixin:
    """Gives the form `helper`, a crispy helper that renders the fields and errors without a
    `<form>` element: the page's template writes the form tag itself (its action, method,
    enctype, CSRF token and buttons), so `{% crispy form %}` goes inside it.

    A form with a layout sets it after `super().__init__()`:
    `self.helper.layout = Layout(Fieldset(...), ...)`; without one, crispy renders every field
    in order.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class LegalHoldForm(forms.Form):
    """The reason for placing or releasing a legal hold (leacorner.legal_holds), which the
    hold keeps as its audit record."""

    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text=gettext_lazy(
            "For example the litigation, the investigation or the request that requires it."
        ),
        error_messages={"required": gettext_lazy("Give the reason.")},
    )
