"""`get_FOO_display()` through leacorner.choice_labels: the same label as Django's own, the stored
value itself when it is no choice, and in the language active at the call."""

import pytest
from django.db.models import Model
from django.utils import translation

from cyber_reports.desk import ReportRouting, RoutingStatus
from cyber_reports.vocabulary import Sector
from stakeholder_forms.models import StakeholderRequest
from tests.factories import StakeholderRequestFactory, routed_report

pytestmark = pytest.mark.django_db


def django_label(obj, name: str) -> str:
    return Model._get_FIELD_display(obj, obj._meta.get_field(name))


def test_every_choice_reads_as_django_would_have_it():
    report = routed_report(incident_types=["ransomware"], sector="water")
    for sector in Sector.values:
        report.sector = sector
        assert report.get_sector_display() == django_label(report, "sector")
    routing = ReportRouting.objects.filter(report=report).first()
    for status in RoutingStatus.values:
        routing.status = status
        assert routing.get_status_display() == django_label(routing, "status")
    request = StakeholderRequestFactory()
    assert request.get_status_display() == django_label(request, "status")
    assert isinstance(request, StakeholderRequest)


def test_a_value_that_is_no_choice_reads_as_itself():
    report = routed_report(incident_types=["ransomware"], sector="water")
    report.sector = "retired_sector"
    assert report.get_sector_display() == "retired_sector"


def test_labels_follow_the_active_language():
    report = routed_report(incident_types=["ransomware"], sector="water")
    seen = {}
    for language in ("en", "es", "en"):
        with translation.override(language):
            label = report.get_sector_display()
            assert label == str(Sector.WATER.label)
            seen.setdefault(language, label)
            assert seen[language] == label
