"""The seeded people: clerks, ERO reviewers and agency desk members."""

import datetime
import io

from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import DESK_ROLES, Role

from .copying import Copier, next_id
from .names import FAMILY, GIVEN
from .plan import SeedRun


def seed_users(run: SeedRun, cursor) -> str:
    """Clerks, ERO reviewers and the members of every agency desk, each in their role's group,
    with an unusable password (a benchmark sets its own)."""
    copier = Copier(User, password="!unusable", is_active=True)  # noqa: S106
    first = next_id(cursor, User)
    groups = {g.name: g.pk for g in Group.objects.all()}
    people: list[tuple[str, Role]] = [
        (f"clerk{n}@court{n % 400}.example", Role.CLERK) for n in range(run.counts["clerks"])
    ]
    people += [
        (f"reviewer{n}@ice.example", Role.ERO_REVIEWER) for n in range(run.counts["reviewers"])
    ]
    for code, role in DESK_ROLES.items():
        people += [
            (f"{code.lower()}.desk{n}@{code.lower()}.example", role)
            for n in range(run.counts["desk_members"])
        ]
    rng = run.random
    joined = run.now - datetime.timedelta(days=4 * 365)
    copier.copy(
        cursor,
        (
            {
                "id": first + i,
                "email": email,
                "full_name": f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
                "is_staff": role != Role.CLERK,
                "date_joined": joined + datetime.timedelta(minutes=i),
            }
            for i, (email, role) in enumerate(people)
        ),
    )
    through = User.groups.through
    membership = io.StringIO(
        "".join(f"{first + i}\t{groups[role.value]}\n" for i, (_e, role) in enumerate(people))
    )
    cursor.copy_expert(f"COPY {through._meta.db_table} (user_id, group_id) FROM STDIN", membership)
    run.emails = {first + i: email for i, (email, _role) in enumerate(people)}
    ids: dict[Role, list[int]] = {}
    for i, (_email, role) in enumerate(people):
        ids.setdefault(role, []).append(first + i)
    run.user_ids = ids
    return f"{len(people)} users ({run.counts['clerks']} clerks)"
