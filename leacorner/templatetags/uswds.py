"""Template helpers of the USWDS crispy-forms pack (templates/uswds/)."""

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.safestring import SafeString

register = template.Library()

_WIDGET_CLASS = {
    forms.Textarea: "usa-textarea",
    forms.Select: "usa-select",
    forms.SelectMultiple: "usa-select",
    forms.FileInput: "usa-file-input",
    forms.CheckboxInput: "usa-checkbox__input",
}


def _widget_class(widget: forms.Widget) -> str:
    for widget_type, css_class in _WIDGET_CLASS.items():
        if isinstance(widget, widget_type):
            return css_class
    return "usa-input"


def described_by(field: BoundField) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.simple_tag
def uswds_widget(field: BoundField) -> SafeString:
    """Render a field's widget with the USWDS class, error state and the ids of its hint and
    error message in aria-describedby, so a screen reader reads them with the input."""
    widget = field.field.widget
    attrs = {}
    classes = [_widget_class(widget)]
    if field.errors and not isinstance(widget, forms.CheckboxInput):
        classes.append("usa-input--error")
    existing = widget.attrs.get("class", "")
    attrs["class"] = " ".join(filter(None, [existing, *classes]))
    ids = described_by(field)
    if ids:
        attrs["aria-describedby"] = ids
    if field.errors:
        attrs["aria-invalid"] = "true"
    if field.field.required and not isinstance(widget, forms.CheckboxInput | forms.FileInput):
        attrs["required"] = True
    is_date = isinstance(widget, forms.DateInput) and not isinstance(widget, forms.DateTimeInput)
    if is_date and widget.input_type == "text":
        widget.input_type = "date"
    return field.as_widget(attrs=attrs)


@register.filter
def described_by_ids(field: BoundField) -> str:
    return described_by(field)


@register.filter
def error_target(field: BoundField) -> str:
    """The id that an error-summary link should focus: the first option of a group."""
    widget = field.field.widget
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{field.auto_id}_0"
    if isinstance(widget, forms.MultiWidget):
        return f"{field.auto_id}_0"
    return field.id_for_label or field.auto_id


@register.filter
def is_choice_group(field: BoundField) -> bool:
    return isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


@register.filter
def is_single_checkbox(field: BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def is_multiple_choice(field: BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxSelectMultiple)
