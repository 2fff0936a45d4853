import datetime
from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import ClerkAccount, User
from accounts.roles import STAFF_ROLES, Role
from leacorner import numbering

PASSWORD = "correct-horse-battery-staple-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@agency.example")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def role(self, create: bool, extracted: Role | None, **kwargs) -> None:
        if not create:
            return
        if extracted is not None:
            self.groups.add(Group.objects.get(name=extracted.value))
            if extracted in STAFF_ROLES:
                self.is_staff = True
        self.save()
        EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)
        if extracted is Role.CLERK:
            # A clerk in the role is one a supervisor approved (accounts.models.ClerkAccount).
            ClerkAccount.objects.create(
                user=self,
                title="Deputy clerk",
                agency_name="Arlington General District Court",
                agency_ori="VA0070000",
                status=ClerkAccount.Status.APPROVED,
                requested_at=self.date_joined,
                decided_at=self.date_joined,
            )


def waiting_clerk(**fields) -> User:
    """A clerk who signed up and confirmed the address, waiting for a supervisor: no role."""
    user = UserFactory(**fields)
    ClerkAccount.objects.create(
        user=user,
        title="Court clerk",
        agency_name="Fairfax County Circuit Court",
        agency_ori="VA0290000",
        status=ClerkAccount.Status.WAITING,
        requested_at=timezone.now(),
    )
    return user


class CyberIncidentReportFactory(factory.django.DjangoModelFactory):
    """A filed report with a real tracking number; `incident_types=["ransomware", ...]` by code.

    Routing is not run: call `cyber_reports.routing.record_routing()` or use `routed_report()`.
    """

    class Meta:
        model = "cyber_reports.CyberIncidentReport"
        skip_postgeneration_save = True

    reporter_name = factory.Faker("name")
    reporter_title = "Detective"
    reporter_organization = "Springfield Police Department"
    reporter_phone = "(555) 010-2000"
    reporter_email = factory.Sequence(lambda n: f"officer{n}@springfield-pd.example")
    entity_name = factory.Sequence(lambda n: f"Springfield Water Authority {n}")
    entity_type = "local_government"
    sector = "water"
    detected_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=3))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        report = model_class(*args, **kwargs)
        report.take_number()
        report.issue_update_token()
        report.save()
        return report

    @factory.post_generation
    def incident_types(self, create: bool, extracted, **kwargs) -> None:
        from cyber_reports.agencies import IncidentType

        if create:
            codes = extracted or ["computer_intrusion"]
            self.incident_types.set(IncidentType.objects.filter(code__in=codes))


def routed_report(**kwargs):
    """A report filed and routed as a submission would be (without notices)."""
    from cyber_reports.routing import RoutingFacts, RoutingTable, record_routing, route_report

    report = CyberIncidentReportFactory(**kwargs)
    record_routing(report, route_report(RoutingFacts.of_report(report), RoutingTable.load()))
    return report


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programs.Category"

    name = factory.Sequence(lambda n: f"Test category {n}")
    slug = factory.Sequence(lambda n: f"test-category-{n}")
    description = "Resources made for tests."
    order = 500


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programs.Program"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Test program {n}")
    slug = factory.Sequence(lambda n: f"test-program-{n}")
    acronym = ""
    component = "HSI"
    summary = "A program made for tests."
    official_url = "https://www.ice.gov/about-ice"
    body = "First paragraph of the test program.\n\nSecond paragraph."

    @factory.post_generation
    def categories(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.categories.set(extracted)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programs.Contact"

    program = factory.SubFactory(ProgramFactory)
    label = "Main line"
    phone = "(202) 555-0100"


class FieldOfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programs.FieldOffice"

    name = factory.Sequence(lambda n: f"Test office {n}")
    slug = factory.Sequence(lambda n: f"test-office-{n}")
    address = "1 Test Street\nTest City, TS 00000"
    phone = "(202) 555-0101"
    outreach_email = "Test.Outreach@ice.dhs.gov"


class FAQFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programs.FAQ"

    question = factory.Sequence(lambda n: f"Test question {n}?")
    slug = factory.Sequence(lambda n: f"test-question-{n}")
    answer = "A test answer."


# --- Stakeholder requests -------------------------------------------------------------------------
class StakeholderRequestFactory(factory.django.DjangoModelFactory):
    """A submitted request with its first history entry, filed by a new clerk."""

    class Meta:
        model = "stakeholder_forms.StakeholderRequest"
        skip_postgeneration_save = True

    tracking_number = factory.LazyFunction(
        lambda: str(numbering.allocate(numbering.Prefix.STAKEHOLDER_REQUEST))
    )
    clerk = factory.SubFactory(UserFactory, role=Role.CLERK)
    requester_name = factory.Faker("name")
    requester_title = "Deputy clerk"
    agency_name = "Fairfax County Circuit Court"
    agency_type = "court"
    agency_ori = "VA0290000"
    requester_phone = "(703) 555-0142"
    requester_email = factory.LazyAttribute(lambda o: o.clerk.email)
    mailing_address = "4110 Chain Bridge Road\nFairfax, VA 22030"
    subject_family_name = factory.Sequence(lambda n: f"Doe{n}")
    subject_given_names = "John"
    subject_date_of_birth = datetime.date(1985, 3, 2)
    subject_country_of_birth = "Mexico"
    subject_sex = "male"
    a_number = "123456789"
    obligation_type = "court_appearance"
    obligation_date = factory.LazyFunction(
        lambda: datetime.date.today() - datetime.timedelta(days=20)
    )
    obligation_court = "Fairfax County Circuit Court"
    case_number = "CR-2026-00412"
    obligation_description = "Did not appear for arraignment; bond forfeited."
    wants_custody_on_date = True
    wants_custody_dates = True
    wants_removal = False
    wants_release = False
    wants_current_status = True
    attested = True

    @factory.post_generation
    def history(self, create: bool, extracted, **kwargs) -> None:
        if create:
            self.events.create(
                actor=self.clerk, action="submitted", from_status="submitted", to_status="submitted"
            )


def custody_findings(stakeholder_request, **overrides) -> dict:
    """Findings consistent with the request: in custody over the obligation date, then removed."""
    day = stakeholder_request.obligation_date
    findings = {
        "in_custody_on_date": True,
        "custody_from": day - datetime.timedelta(days=5),
        "custody_to": day + datetime.timedelta(days=3),
        "facility": "Farmville Detention Center",
        "removed_on": day + datetime.timedelta(days=3),
        "removal_country": "Mexico",
        "released_on": None,
        "current_status": "removed",
    }
    findings.update(overrides)
    return findings


def approval_post(stakeholder_request, **overrides) -> dict:
    """The reviewer's approval form as a browser posts it: `custody_findings()` typed into the
    form (dates in ISO format, "yes"/"no", blanks for none) with the request's version."""

    def typed(value) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, datetime.date):
            return value.isoformat()
        return str(value)

    findings = custody_findings(stakeholder_request)
    post = {"version": str(stakeholder_request.version)}
    post.update((name, typed(value)) for name, value in findings.items())
    post.update(overrides)
    return post


def approved_request(reviewer=None, **kwargs):
    """A request claimed and approved by `reviewer` (a new ERO reviewer by default)."""
    reviewer = reviewer or UserFactory(role=Role.ERO_REVIEWER)
    stakeholder_request = StakeholderRequestFactory(**kwargs)
    stakeholder_request.claim(by=reviewer)
    certification = stakeholder_request.approve(
        by=reviewer, findings=custody_findings(stakeholder_request)
    )
    return stakeholder_request, certification
