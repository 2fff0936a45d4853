"""The default letters to clerks (stakeholder_forms.message_templates.DEFAULTS, copied here as
they were when this migration was written): one asking for information, one per denial reason.
Supervisors edit them in the admin afterwards; reversing removes them."""

from django.db import migrations

#: (kind, denial reason, subject, body)
LETTERS = [
    (
        "information_request",
        "",
        "Request {request_number}: information needed",
        "Dear {clerk_name},\n"
        "\n"
        "The ERO reviewer working on request {request_number} about {subject_name} needs more "
        "information before deciding:\n"
        "\n"
        "{note}\n"
        "\n"
        "Answer on the request's page (you may attach a PDF): {request_url}\n"
        "\n"
        "The request waits until you answer.\n"
        "\n"
        "{reviewer_name}, ICE Enforcement and Removal Operations\n"
        "{site_name}\n",
    ),
    (
        "denial",
        "no_record",
        "Request {request_number}: decision",
        "Dear {clerk_name},\n"
        "\n"
        "ERO cannot issue a certification for request {request_number} about {subject_name}.\n"
        "\n"
        "Reason: {reason}\n"
        "ICE records hold no one who matches the person described.\n"
        "Note from the reviewer: {note}\n"
        "\n"
        "You may file a new request with more details. See the request: {request_url}\n"
        "\n"
        "{reviewer_name}, ICE Enforcement and Removal Operations\n"
        "{site_name}\n",
    ),
    (
        "denial",
        "not_criminal_justice",
        "Request {request_number}: decision",
        "Dear {clerk_name},\n"
        "\n"
        "ERO cannot issue a certification for request {request_number} about {subject_name}.\n"
        "\n"
        "Reason: {reason}\n"
        "Certifications are issued only to agencies acting in an official criminal-justice "
        "capacity.\n"
        "Note from the reviewer: {note}\n"
        "\n"
        "You may file a new request with more details. See the request: {request_url}\n"
        "\n"
        "{reviewer_name}, ICE Enforcement and Removal Operations\n"
        "{site_name}\n",
    ),
    (
        "denial",
        "insufficient_identity",
        "Request {request_number}: decision",
        "Dear {clerk_name},\n"
        "\n"
        "ERO cannot issue a certification for request {request_number} about {subject_name}.\n"
        "\n"
        "Reason: {reason}\n"
        "A new request with the person's A-number, FBI number or other identifiers may let ERO "
        "identify them.\n"
        "Note from the reviewer: {note}\n"
        "\n"
        "You may file a new request with more details. See the request: {request_url}\n"
        "\n"
        "{reviewer_name}, ICE Enforcement and Removal Operations\n"
        "{site_name}\n",
    ),
    (
        "denial",
        "no_response",
        "Request {request_number}: decision",
        "Dear {clerk_name},\n"
        "\n"
        "ERO cannot issue a certification for request {request_number} about {subject_name}.\n"
        "\n"
        "Reason: {reason}\n"
        "The information ERO asked for was not provided.\n"
        "Note from the reviewer: {note}\n"
        "\n"
        "You may file a new request with more details. See the request: {request_url}\n"
        "\n"
        "{reviewer_name}, ICE Enforcement and Removal Operations\n"
        "{site_name}\n",
    ),
    (
        "denial",
        "duplicate",
        "Request {request_number}: decision",
        "Dear {clerk_name},\n"
        "\n"
        "ERO cannot issue a certification for request {request_number} about {subject_name}.\n"
        "\n"
        "Reason: {reason}\n"
        "The same matter is answered by another request.\n"
        "Note from the reviewer: {note}\n"
        "\n"
        "You may file a new request with more details. See the request: {request_url}\n"
        "\n"
        "{reviewer_name}, ICE Enforcement and Removal Operations\n"
        "{site_name}\n",
    ),
    (
        "denial",
        "outside_scope",
        "Request {request_number}: decision",
        "Dear {clerk_name},\n"
        "\n"
        "ERO cannot issue a certification for request {request_number} about {subject_name}.\n"
        "\n"
        "Reason: {reason}\n"
        "This process certifies ICE custody facts about a missed obligation only.\n"
        "Note from the reviewer: {note}\n"
        "\n"
        "You may file a new request with more details. See the request: {request_url}\n"
        "\n"
        "{reviewer_name}, ICE Enforcement and Removal Operations\n"
        "{site_name}\n",
    ),
    (
        "denial",
        "other",
        "Request {request_number}: decision",
        "Dear {clerk_name},\n"
        "\n"
        "ERO cannot issue a certification for request {request_number} about {subject_name}.\n"
        "\n"
        "Reason: {reason}\n"
        "Note from the reviewer: {note}\n"
        "\n"
        "You may file a new request with more details. See the request: {request_url}\n"
        "\n"
        "{reviewer_name}, ICE Enforcement and Removal Operations\n"
        "{site_name}\n",
    ),
]


def seed(apps, schema_editor):
    template = apps.get_model("stakeholder_forms", "MessageTemplate")
    for kind, reason, subject, body in LETTERS:
        template.objects.get_or_create(
            kind=kind, denial_reason=reason, defaults={"subject": subject, "body": body}
        )


def unseed(apps, schema_editor):
    apps.get_model("stakeholder_forms", "MessageTemplate").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("stakeholder_forms", "0010_letter_templates")]

    operations = [migrations.RunPython(seed, unseed)]
