"""The reviewer's three pages that end in a letter or a certificate: ask for information, deny,
approve. Each is written, then previewed, then confirmed, on one URL:

1. the form (the question; the reason and note; the findings);
2. the preview: the e-mail exactly as the clerk will receive it (subject and text, composed by
   message_templates.py from the admin-edited template), or the certificate exactly as it will
   be issued (certification_pdf.certificate_text(), the PDF's own words);
3. the confirmation, which calls the transition (`ask_for_information`, `deny`, `approve`),
   the only way the state changes: it locks the row, refuses a stale version as it always did,
   and for a letter refuses one whose text is no longer the one previewed (`LetterChanged`:
   the template was edited meanwhile), showing the new text to confirm instead.

The preview is a page, not a record: nothing is written until the confirmation. What the
reviewer typed travels in the preview's hidden fields, so "Change" brings it back intact, and
so does a confirmation the transition refuses (another reviewer changed the request
meanwhile): the form comes back with the reviewer's words, the refusal, and the request as it
is now, to be read and previewed again (`_refused_keeping_text`).
"""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from leacorner.transitions import TransitionError

from . import message_templates
from .certification import Certification
from .certification_pdf import certificate_text, letterhead
from .forms import DenialForm, FindingsForm, InformationRequestForm
from .workflow import LetterChanged


class DecisionPagesMixin:
    """ask_view, deny_view and approve_view of the request's admin (admin.py mounts them)."""

    def _preview_page(self, request, obj, *, title, template, context):
        return TemplateResponse(
            request,
            f"admin/stakeholder_forms/{template}",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "original": obj,
                "title": title,
                **context,
            },
        )

    def _refused_keeping_text(self, request, obj, refusal, *, rebuild, title, template_context):
        """The form again after a refused confirmation, with what the reviewer typed, set to the
        request's current version: they read the change, then preview and confirm anew."""
        obj.refresh_from_db()
        data = request.POST.copy()
        data["version"] = str(obj.version)
        data["previewed"] = ""
        form = rebuild(data)
        form.is_valid()  # binds the errors, to which the refusal is added
        form.add_error(
            None,
            _("%(refusal)s What you wrote is kept below: read the request again, then preview.")
            % {"refusal": refusal},
        )
        return self._transition_page(
            request, obj, title=title, form=form, template_context=template_context
        )

    def _letter_step(self, request, obj, *, action, form, compose, send, title, edit_label, done):
        """The three steps of a letter (module docstring) for the transition `action`."""
        if request.method != "POST" and (refused := self._refused(request, obj, action)):
            return refused
        if request.method != "POST" or "edit" in request.POST or not form.is_valid():
            return self._transition_page(
                request, obj, title=title, form=form, template_context={"submit_label": edit_label}
            )
        data = form.cleaned_data
        error = None
        if "confirm" in request.POST and data["previewed"]:
            try:
                send(data)
            except LetterChanged as changed:
                error = str(changed)
            except TransitionError as refused:
                return self._refused_keeping_text(
                    request,
                    obj,
                    refused,
                    rebuild=type(form),
                    title=title,
                    template_context={"submit_label": edit_label},
                )
            else:
                self.message_user(request, done)
                return redirect(self._change_url(obj))
        elif refused := self._refused(request, obj, action):
            return refused
        letter = compose(data)
        return self._preview_page(
            request,
            obj,
            title=title,
            template="letter_preview.html",
            context={"form": form, "letter": letter, "digest": letter.digest, "error": error},
        )

    def ask_view(self, request, object_id):
        obj = self._get_for_review(request, object_id)
        form = InformationRequestForm(request.POST or None, initial={"version": obj.version})
        return self._letter_step(
            request,
            obj,
            action="ask_for_information",
            form=form,
            compose=lambda data: message_templates.compose_information_request(
                obj, by=request.user, note=data["message"]
            ),
            send=lambda data: obj.ask_for_information(
                by=request.user,
                message=data["message"],
                seen_version=data["version"],
                previewed=data["previewed"],
            ),
            title=_("Ask the clerk for information about %(n)s") % {"n": obj.tracking_number},
            edit_label=_("Preview the e-mail"),
            done=_("The clerk has been asked; the request waits on their answer."),
        )

    def deny_view(self, request, object_id):
        obj = self._get_for_review(request, object_id)
        form = DenialForm(request.POST or None, initial={"version": obj.version})
        return self._letter_step(
            request,
            obj,
            action="deny",
            form=form,
            compose=lambda data: message_templates.compose_denial(
                obj, by=request.user, reason=data["reason"], note=data["note"]
            ),
            send=lambda data: obj.deny(
                by=request.user,
                reason=data["reason"],
                note=data["note"],
                seen_version=data["version"],
                previewed=data["previewed"],
            ),
            title=_("Deny %(n)s") % {"n": obj.tracking_number},
            edit_label=_("Preview the denial letter"),
            done=_("Denied. The clerk is notified."),
        )

    def approve_view(self, request, object_id):
        obj = self._get_for_review(request, object_id)
        if request.method != "POST" and (refused := self._refused(request, obj, "approve")):
            return refused
        form = FindingsForm(
            request.POST or None, initial={"version": obj.version}, stakeholder_request=obj
        )
        title = _("Approve %(n)s: certification findings") % {"n": obj.tracking_number}
        if request.method == "POST" and "edit" not in request.POST and form.is_valid():
            if "confirm" not in request.POST:
                if refused := self._refused(request, obj, "approve"):
                    return refused
                return self._certificate_preview(request, obj, form)
            try:
                certification = obj.approve(
                    by=request.user,
                    findings=form.findings(),
                    seen_version=form.cleaned_data["version"],
                )
            except ValidationError as error:
                for field, problems in error.message_dict.items():
                    for problem in problems:
                        form.add_error(field if field in form.fields else None, problem)
            except TransitionError as refused:
                return self._refused_keeping_text(
                    request,
                    obj,
                    refused,
                    rebuild=lambda data: FindingsForm(data, stakeholder_request=obj),
                    title=title,
                    template_context={
                        "submit_label": _("Preview the certificate"),
                        "findings": True,
                    },
                )
            else:
                self.message_user(
                    request,
                    _("Approved. Certification %(c)s is issued and the clerk is notified.")
                    % {"c": certification.number},
                )
                return redirect(self._change_url(obj))
        return self._transition_page(
            request,
            obj,
            title=title,
            form=form,
            template_context={"submit_label": _("Preview the certificate"), "findings": True},
        )

    def _certificate_preview(self, request, obj, form):
        """The certificate as `approve` would issue it now: the same findings, statement and
        officer, today's date; its number and code are given on issue."""
        candidate = Certification(
            request=obj,
            officer=request.user,
            officer_name=request.user.get_full_name(),
            issued_at=timezone.now(),
            **form.findings(),
        )
        candidate.statement = candidate.compose_statement()
        pending = _("given when it is issued")
        return self._preview_page(
            request,
            obj,
            title=_("Issue the certification for %(n)s") % {"n": obj.tracking_number},
            template="certificate_preview.html",
            context={
                "form": form,
                "letterhead": letterhead(),
                "certificate": certificate_text(candidate, number=pending, code=pending),
            },
        )
