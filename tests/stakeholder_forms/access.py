"""Access entries of this app's URLs, merged into tests/access_table.py (see its docstring).

Clerk pages are for clerks (and superusers); a record that is not the visitor's own answers 404,
so the walk's clerk, who filed none of the records below, gets NOT_FOUND."""

from ..access_table_base import (
    ANONYMOUS,
    CLERK,
    DENIED,
    LOGIN,
    METHOD,
    NOT_FOUND,
    OK,
    SUPERUSER,
    Role,
    admin_only,
    everyone,
    only,
)

REVIEWER = Role.ERO_REVIEWER.value
# Someone else's record: clerks and superusers pass the role check, then find nothing.
NOT_THEIRS = {ANONYMOUS: LOGIN, "*": DENIED, CLERK: NOT_FOUND, SUPERUSER: NOT_FOUND}
CLERKS = {ANONYMOUS: LOGIN, "*": DENIED, CLERK: OK, SUPERUSER: OK}
# POST-only clerk actions: the role check passes, the method does not.
POST_ONLY = {ANONYMOUS: LOGIN, "*": DENIED, CLERK: METHOD, SUPERUSER: METHOD}
REVIEW = admin_only(Role.ERO_REVIEWER, Role.ERO_SUPERVISOR)
NOBODY = admin_only(outcome=DENIED)
# Assigning and the queue export: ERO supervisors and superusers (SUPERVISE_PERMISSION).
SUPERVISE = admin_only(Role.ERO_SUPERVISOR)
MISSING_FILE = {
    ANONYMOUS: LOGIN,
    CLERK: DENIED,
    "*": DENIED,
    REVIEWER: NOT_FOUND,
    Role.ERO_SUPERVISOR.value: NOT_FOUND,
    SUPERUSER: NOT_FOUND,
}

#: URL name → {"expect": {...}, "kwargs": {...}}.
ACCESS: dict[str, dict] = {
    "stakeholder_forms:request_list": {"expect": CLERKS},
    "stakeholder_forms:request_create": {"expect": CLERKS},
    "stakeholder_forms:draft_edit": {"expect": NOT_THEIRS},
    "stakeholder_forms:draft_delete": {"expect": POST_ONLY},
    "stakeholder_forms:request_detail": {"expect": NOT_THEIRS},
    "stakeholder_forms:request_submitted": {"expect": NOT_THEIRS},
    "stakeholder_forms:request_answer": {"expect": POST_ONLY},
    "stakeholder_forms:request_withdraw": {"expect": NOT_THEIRS},
    "stakeholder_forms:request_document": {"expect": NOT_THEIRS},
    "stakeholder_forms:certification_pdf": {"expect": NOT_THEIRS},
    "verify_certification": {"expect": everyone()},
    # The queue's dashboard: reviewers and supervisors (with MFA) and superusers.
    "stakeholder_forms:queue_dashboard": {"expect": only(Role.ERO_REVIEWER, Role.ERO_SUPERVISOR)},
    # The paper form and the fact sheet hold nothing private: anyone, signed in or not.
    "stakeholder_forms:printable_form": {"expect": everyone()},
    "stakeholder_forms:fact_sheet": {"expect": everyone()},
    # The ERO queue: reviewers (with MFA) and superusers; nobody adds, edits or deletes.
    "admin:stakeholder_forms_stakeholderrequest_add": {"expect": NOBODY},
    "admin:stakeholder_forms_stakeholderrequest_delete": {"expect": NOBODY},
    "admin:stakeholder_forms_stakeholderrequest_document": {"expect": MISSING_FILE},
    "admin:stakeholder_forms_stakeholderrequest_event_document": {"expect": MISSING_FILE},
    "admin:stakeholder_forms_stakeholderrequest_assign": {"expect": SUPERVISE},
    "admin:stakeholder_forms_stakeholderrequest_export": {"expect": SUPERVISE},
    # Legal holds: ERO supervisors (and superusers) only.
    "admin:stakeholder_forms_stakeholderrequest_hold": {"expect": SUPERVISE},
    "admin:stakeholder_forms_stakeholderrequest_release_hold": {"expect": SUPERVISE},
    "admin:stakeholder_forms_stakeholderrequest_*": {"expect": REVIEW},
    "admin:stakeholder_forms_certification_add": {"expect": NOBODY},
    "admin:stakeholder_forms_certification_delete": {"expect": NOBODY},
    "admin:stakeholder_forms_certification_*": {"expect": REVIEW},
    # The letter templates: reviewers read them, supervisors edit them (a supervisor's edit is
    # tests/stakeholder_forms/test_letters.py); the set is fixed, nobody adds or deletes one.
    "admin:stakeholder_forms_messagetemplate_add": {"expect": NOBODY},
    "admin:stakeholder_forms_messagetemplate_delete": {"expect": NOBODY},
    "admin:stakeholder_forms_messagetemplate_*": {"expect": REVIEW},
    # The staff-access log: superusers read it; nobody writes it by hand.
    "admin:stakeholder_forms_recordview_add": {"expect": NOBODY},
    "admin:stakeholder_forms_recordview_history": {"expect": admin_only()},
    "admin:stakeholder_forms_recordview_delete": {
        "expect": NOBODY,
        "kwargs": {"object_id": 999999},
    },
}


def url_kwargs() -> dict[str, dict]:
    """URL kwargs that need real objects (created here, in the test database), by URL name."""
    from stakeholder_forms.models import MessageTemplate, RecordView, RequestDraft

    from ..factories import StakeholderRequestFactory, UserFactory, approved_request

    stakeholder_request = StakeholderRequestFactory()
    _approved, certification = approved_request()
    draft = RequestDraft.objects.create(clerk=stakeholder_request.clerk, data={})
    event = stakeholder_request.events.first()
    view = RecordView.log(
        viewer=UserFactory(role=Role.ERO_REVIEWER), request=stakeholder_request, what="request"
    )
    request_id = {"object_id": stakeholder_request.pk}
    kwargs = {
        f"stakeholder_forms:{name}": {"pk": stakeholder_request.pk}
        for name in (
            "request_detail",
            "request_submitted",
            "request_answer",
            "request_withdraw",
            "request_document",
            "certification_pdf",
        )
    }
    kwargs["stakeholder_forms:draft_edit"] = {"pk": draft.pk}
    kwargs["stakeholder_forms:draft_delete"] = {"pk": draft.pk}
    for name in (
        "change",
        "history",
        "claim",
        "assign",
        "release",
        "ask",
        "approve",
        "deny",
        "document",
        "hold",
        "release_hold",
    ):
        kwargs[f"admin:stakeholder_forms_stakeholderrequest_{name}"] = request_id
    kwargs["admin:stakeholder_forms_stakeholderrequest_delete"] = request_id
    kwargs["admin:stakeholder_forms_stakeholderrequest_event_document"] = {
        **request_id,
        "event_id": event.pk,
    }
    for name in ("change", "history", "revoke", "pdf", "delete"):
        kwargs[f"admin:stakeholder_forms_certification_{name}"] = {"object_id": certification.pk}
    template = {"object_id": MessageTemplate.objects.first().pk}
    for name in ("change", "history", "delete"):
        kwargs[f"admin:stakeholder_forms_messagetemplate_{name}"] = template
    kwargs["admin:stakeholder_forms_recordview_change"] = {"object_id": view.pk}
    kwargs["admin:stakeholder_forms_recordview_history"] = {"object_id": view.pk}
    return kwargs
