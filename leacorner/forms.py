"""Site-wide form pieces, used with the USWDS crispy pack (templates/uswds/)."""

from crispy_forms.helper import FormHelper


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
