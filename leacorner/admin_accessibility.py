"""What the admin's own markup lacks for screen readers, given back in one place.

Django renders the inputs of a changelist's `list_editable` columns bare inside the table: the
column heading is their only label, which assistive technology does not announce for the input
(axe: `label`, 51 times on the programs list). `LabelledListEditableMixin` names each input by
its column and row ("Published: 287(g) Program"). Inlines that must be accessible use
`StackedInline`, whose fields carry real labels and fit a 1,280 px window; the tabular ones
labelled their inputs by column headings alone and made a program's page 1,493 px wide.

The rest is in `static/css/admin.css` (underlined breadcrumb links: `link-in-text-block`) and
`static/js/admin_accessibility.js` (a role for the filter icons Django's two-list selector
draws, which carry an aria-label on a plain span: `aria-prohibited-attr`), both loaded on every
admin page by `templates/admin/base_site.html`.
"""

from django import forms
from django.http import HttpRequest


class LabelledListEditableMixin:
    """For a ModelAdmin with `list_editable`: each editable cell's input is named by its
    column and its row."""

    def get_changelist_form(self, request: HttpRequest, **kwargs) -> type[forms.ModelForm]:
        base = super().get_changelist_form(request, **kwargs)

        class LabelledChangelistForm(base):
            def __init__(self, *args, **form_kwargs) -> None:
                super().__init__(*args, **form_kwargs)
                for field in self.fields.values():
                    if not field.widget.is_hidden:
                        field.widget.attrs["aria-label"] = f"{field.label}: {self.instance}"

        return LabelledChangelistForm
