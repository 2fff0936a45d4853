"""The seeded stakeholder requests, their history and their certifications."""

import datetime
from collections.abc import Iterator

from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from leacorner import numbering
from stakeholder_forms import verification_codes
from stakeholder_forms.certification import Certification
from stakeholder_forms.models import StakeholderRequest
from stakeholder_forms.workflow import RequestEvent

from .copying import CHUNK, Copier, next_id
from .names import COUNTRIES, COURTS, FAMILY, GIVEN, PLACES
from .plan import SeedRun


def _statuses(run: SeedRun) -> list[str]:
    """Each request's status: exactly the certifications' number approved, the rest spread
    as a queue looks after a few years (most decided, a working set open)."""
    total, approved = run.counts["requests"], run.counts["certifications"]
    rest = total - approved
    shares = [("denied", 0.50), ("withdrawn", 0.15), ("submitted", 0.12)]
    shares += [("in_review", 0.15), ("needs_info", 0.08)]
    statuses = ["approved"] * approved
    for status, share in shares:
        statuses += [status] * round(rest * share)
    statuses = (statuses + ["submitted"] * total)[:total]
    run.random.shuffle(statuses)
    return statuses


def seed_stakeholder_requests(run: SeedRun, cursor) -> str:
    """Requests spread over three years, numbered in the order they were filed, each with the
    history of its state and, when approved, its certification."""
    rng = run.random
    clerks = run.user_ids[Role.CLERK]
    reviewers = run.user_ids[Role.ERO_REVIEWER]
    reviewer_names = dict(User.objects.filter(pk__in=reviewers).values_list("pk", "full_name"))
    agency_types = [c for c, _ in StakeholderRequest._meta.get_field("agency_type").choices]
    agency_types = [c for c in agency_types if c != "other"]
    obligations = [c for c, _ in StakeholderRequest._meta.get_field("obligation_type").choices]
    obligations = [c for c in obligations if c != "other"]
    denial_reasons = [c for c, _ in StakeholderRequest._meta.get_field("denial_reason").choices]
    denial_reasons = [c for c in denial_reasons if c and c != "other"]
    request_copier = Copier(
        StakeholderRequest,
        requester_title="Deputy clerk",
        mailing_address="1 Courthouse Square",
        obligation_description="Did not appear as ordered; a warrant was issued.",
        attested=True,
        wants_custody_on_date=True,
        wants_current_status=True,
    )
    event_copier = Copier(RequestEvent, with_pk=False, visible_to_clerk=True)
    certification_copier = Copier(
        Certification,
        in_custody_on_date=True,
        facility="Processing Center",
        officer_name="",
        statement="",
    )
    first = next_id(cursor, StakeholderRequest)
    certification_id = next_id(cursor, Certification)
    span = 3 * 365 * 24 * 3600
    start = run.now - datetime.timedelta(seconds=span)
    statuses = _statuses(run)
    events: list[dict] = []
    certifications: list[dict] = []

    def number(prefix: str, at: datetime.datetime) -> str:
        return str(numbering.Number(prefix, at.year, run.next_number(prefix, at.year)))

    def request_rows() -> Iterator[dict]:
        nonlocal certification_id
        # Submission times in order, so numbers grow with time as they do live.
        offsets = sorted(rng.randrange(span) for _ in statuses)
        for i, (status, offset) in enumerate(zip(statuses, offsets, strict=True)):
            pk = first + i
            submitted = start + datetime.timedelta(seconds=offset)
            clerk = clerks[(i * 7919) % len(clerks)]
            reviewer = rng.choice(reviewers) if status != "submitted" else None
            decided = None
            if status in ("approved", "denied", "withdrawn"):
                decided = min(
                    submitted + datetime.timedelta(hours=rng.randrange(2, 24 * 30)), run.now
                )
            obligation = (submitted - datetime.timedelta(days=rng.randrange(1, 120))).date()
            row = {
                "id": pk,
                "tracking_number": number("CJS", submitted),
                "clerk_id": clerk,
                "status": status,
                "assigned_to_id": reviewer if status not in ("submitted", "withdrawn") else None,
                "version": 1,
                "submitted_at": submitted,
                "updated_at": decided or submitted,
                "decided_at": decided if status in ("approved", "denied") else None,
                "denial_reason": rng.choice(denial_reasons) if status == "denied" else "",
                "requester_name": f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
                "agency_name": f"{rng.choice(PLACES)} {rng.choice(COURTS)}",
                "agency_type": rng.choice(agency_types),
                "requester_phone": f"(555) 01{i % 10}-{i % 10000:04d}",
                "requester_email": run.emails[clerk],
                "subject_family_name": rng.choice(FAMILY),
                "subject_given_names": rng.choice(GIVEN),
                "subject_date_of_birth": datetime.date(1950, 1, 1)
                + datetime.timedelta(days=rng.randrange(18_000)),
                "subject_country_of_birth": rng.choice(COUNTRIES),
                "subject_sex": "male" if rng.random() < 0.8 else "female",
                "a_number": f"{rng.randrange(10**8, 10**9 - 1):09d}" if rng.random() < 0.7 else "",
                "obligation_type": rng.choice(obligations),
                "obligation_date": obligation,
                "obligation_court": f"{rng.choice(PLACES)} {rng.choice(COURTS)}",
                "case_number": f"CR{submitted.year % 100}-{i:07d}",
            }
            yield row
            events.extend(_history(row, reviewer, decided))
            if status == "approved":
                certifications.append(
                    {
                        "id": certification_id,
                        "number": number("CERT", decided),
                        "request_id": pk,
                        **_findings(rng, obligation, timezone.localdate(decided), row),
                        "statement": "ICE records show the custody facts of "
                        f"{row['tracking_number']}.",
                        "officer_id": reviewer,
                        "officer_name": reviewer_names[reviewer],
                        "issued_at": decided,
                        **_verification(
                            f"{certification_id:05X}"[-5:].rjust(5, "A")
                            + "-"
                            + f"{rng.randrange(16**5):05X}"
                        ),
                    }
                )
                certification_id += 1
            if len(events) >= CHUNK:
                event_copier.copy(cursor, events)
                events.clear()
            if len(certifications) >= CHUNK:
                certification_copier.copy(cursor, certifications)
                certifications.clear()

    request_copier.copy(cursor, request_rows())
    event_copier.copy(cursor, events)
    certification_copier.copy(cursor, certifications)
    return (
        f"{request_copier.rows} stakeholder requests, {event_copier.rows} history entries, "
        f"{certification_copier.rows} certifications"
    )


def _verification(code: str) -> dict:
    """The stored forms of a certification's code, as `Certification.set_verification_code`
    keeps them."""
    return {
        "verification_digest": verification_codes.digest(code),
        "sealed_verification_code": verification_codes.seal(code),
    }


def _findings(rng, day: datetime.date, decided: datetime.date, row: dict) -> dict:
    """Findings consistent with each other and the obligation date, by current status."""
    status = rng.choices(["removed", "released", "in_custody", "not_in_custody"], [40, 35, 15, 10])[
        0
    ]
    if status == "not_in_custody":
        return {"in_custody_on_date": False, "current_status": status, "facility": ""}
    start = day - datetime.timedelta(days=rng.randrange(0, 60))
    end = min(day + datetime.timedelta(days=rng.randrange(0, 90)), decided)
    findings = {"in_custody_on_date": True, "current_status": status, "custody_from": start}
    if status == "removed":
        findings |= {
            "custody_to": end,
            "removed_on": end,
            "removal_country": row["subject_country_of_birth"],
        }
    elif status == "released":
        findings |= {"custody_to": end, "released_on": end}
    return findings


def _history(row: dict, reviewer: int | None, decided) -> list[dict]:
    """The history entries a request in this state has: filed, claimed, then its outcome."""
    at = row["submitted_at"]
    steps = [("submitted", "submitted", "submitted", row["clerk_id"], at)]
    status = row["status"]
    if status == "withdrawn":
        steps.append(("withdrawn", "submitted", "withdrawn", row["clerk_id"], decided))
    elif status != "submitted":
        claimed = at + datetime.timedelta(hours=1)
        steps.append(("claimed", "submitted", "in_review", reviewer, claimed))
        if status == "needs_info":
            steps.append(("info_requested", "in_review", "needs_info", reviewer, claimed))
        elif status in ("approved", "denied"):
            steps.append((status, "in_review", status, reviewer, decided))
    rows = []
    for action, from_status, to_status, actor, when in steps:
        rows.append(
            {
                "request_id": row["id"],
                "at": when,
                "actor_id": actor,
                "action": action,
                "from_status": from_status,
                "to_status": to_status,
            }
        )
    return rows
