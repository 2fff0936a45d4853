"""Access entries of this app's URLs, merged into tests/access_table.py (see its docstring).

Desk pages are walked for the FBI desk's own report: the FBI desk and superusers open them,
other desks get 404 (as if the report did not exist), other staff and clerks 403. The close
page is the confirmation (a GET shows it); the other transitions are POST-only.
"""

from django.core.files.base import ContentFile

from ..access_table_base import (
    ANONYMOUS,
    DENIED,
    LOGIN,
    METHOD,
    NOT_FOUND,
    OK,
    SUPERUSER,
    Role,
    admin_only,
    everyone,
)

OTHER_DESKS = [Role.DESK_CISA, Role.DESK_USSS, Role.DESK_HSI]


def fbi_desk_only() -> dict:
    table = {ANONYMOUS: LOGIN, "*": DENIED, SUPERUSER: OK, Role.DESK_FBI.value: OK}
    table.update({role.value: NOT_FOUND for role in OTHER_DESKS})
    return table


def every_desk(outcome: str = OK) -> dict:
    table = {ANONYMOUS: LOGIN, "*": DENIED, SUPERUSER: outcome, Role.DESK_FBI.value: outcome}
    table.update({role.value: outcome for role in OTHER_DESKS})
    return table


#: URL name → {"expect": {...}, "kwargs": {...}}.
ACCESS: dict[str, dict] = {
    "cyber_reports:guidance": {"expect": everyone()},
    "cyber_reports:what_to_report": {"expect": everyone()},
    "cyber_reports:how_to_report": {"expect": everyone()},
    "cyber_reports:training": {"expect": everyone()},
    "cyber_reports:report_create": {"expect": everyone()},
    # Only the browser that filed the report sees its confirmation (a signed cookie).
    "cyber_reports:report_received": {"expect": everyone(NOT_FOUND)},
    # The update page opens for whoever holds the secret, signed in or not.
    "cyber_reports:report_update": {"expect": everyone()},
    "cyber_reports:desk_index": {"expect": every_desk()},
    "cyber_reports:desk_list": {"expect": fbi_desk_only(), "kwargs": {"agency": "fbi"}},
    "cyber_reports:desk_dashboard": {"expect": fbi_desk_only(), "kwargs": {"agency": "fbi"}},
    "cyber_reports:desk_export_csv": {"expect": fbi_desk_only(), "kwargs": {"agency": "fbi"}},
    "cyber_reports:desk_export_stix": {"expect": fbi_desk_only(), "kwargs": {"agency": "fbi"}},
    "cyber_reports:desk_report": {"expect": fbi_desk_only()},
    "cyber_reports:desk_report_csv": {"expect": fbi_desk_only()},
    "cyber_reports:desk_report_stix": {"expect": fbi_desk_only()},
    "cyber_reports:desk_attachment": {"expect": fbi_desk_only()},
    # Closing asks for a confirmation and a reason on a page of its own.
    "cyber_reports:desk_close": {"expect": fbi_desk_only()},
    # POST-only: a GET by a desk member is refused with 405 before anything is looked up.
    "cyber_reports:desk_acknowledge": {"expect": every_desk(METHOD)},
    "cyber_reports:desk_reopen": {"expect": every_desk(METHOD)},
    "cyber_reports:desk_refer": {"expect": every_desk(METHOD)},
    "cyber_reports:desk_hand_on": {"expect": every_desk(METHOD)},
    "cyber_reports:desk_write_to_reporter": {"expect": every_desk(METHOD)},
    "cyber_reports:desk_share_case_number": {"expect": every_desk(METHOD)},
    "cyber_reports:desk_note": {"expect": every_desk(METHOD)},
    "cyber_reports:desk_hold": {"expect": every_desk(METHOD)},
    "cyber_reports:desk_release_hold": {"expect": every_desk(METHOD)},
    # Reports are filed, never added or deleted through the admin; agencies are never deleted.
    "admin:cyber_reports_cyberincidentreport_add": {"expect": admin_only(outcome=DENIED)},
    "admin:cyber_reports_cyberincidentreport_delete": {
        "expect": admin_only(outcome=DENIED),
        "kwargs": {"object_id": "999999"},
    },
    "admin:cyber_reports_agency_delete": {
        "expect": admin_only(outcome=DENIED),
        "kwargs": {"object_id": "999999"},
    },
}


def url_kwargs() -> dict[str, dict]:
    """URL kwargs that need real objects (created here, in the test database), by URL name."""
    from cyber_reports.models import Attachment

    from ..factories import routed_report

    report = routed_report(incident_types=["identity_theft"])  # routed to the FBI only
    token = report.issue_update_token()
    report.save(update_fields=["update_token_hash"])
    attachment = Attachment(report=report, original_name="a.txt", kind="text", size=2, sha256="0")
    attachment.file.save("upload", ContentFile(b"hi"), save=True)
    desk = {"agency": "fbi", "tracking_number": report.tracking_number}
    return {
        "cyber_reports:report_received": {"tracking_number": report.tracking_number},
        "cyber_reports:report_update": {"token": token},
        **{
            f"cyber_reports:{name}": desk
            for name in (
                "desk_report",
                "desk_report_csv",
                "desk_report_stix",
                "desk_acknowledge",
                "desk_close",
                "desk_reopen",
                "desk_refer",
                "desk_hand_on",
                "desk_write_to_reporter",
                "desk_share_case_number",
                "desk_note",
                "desk_hold",
                "desk_release_hold",
            )
        },
        "cyber_reports:desk_attachment": {**desk, "attachment_id": attachment.pk},
    }
