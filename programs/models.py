"""The directory: categories of resources, the programs in them with their contacts and links,
the ERO field offices and the states and territories each covers, and the partners' FAQs.

Content editors change all of it in the admin; every change is kept in the history
(django-simple-history) and moves the directory's revision, which invalidates cached pages.
"""

import time
from datetime import UTC, date
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# The rules of the directory's text, addresses and numbers, in their own module; imported here
# so that migrations and callers keep naming them programs.models.*.
from .validators import (  # noqa: E402, F401
    dial_digits,
    lookup_key,
    tel_link,
    validate_link_target,
    validate_official_address,
)


class Component(models.TextChoices):
    ERO = "ERO", _("Enforcement and Removal Operations (ERO)")
    HSI = "HSI", _("Homeland Security Investigations (HSI)")
    OPLA = "OPLA", _("Office of the Principal Legal Advisor (OPLA)")
    ICE = "ICE", _("ICE leadership and agency-wide offices")
    FPS = "FPS", _("Federal Protective Service (FPS, formerly part of ICE)")
    PARTNER = "PARTNER", _("Other federal partners")


class Jurisdiction(models.TextChoices):
    """The 50 states, the District of Columbia and the territories, by USPS code."""

    AL = "AL", _("Alabama")
    AK = "AK", _("Alaska")
    AZ = "AZ", _("Arizona")
    AR = "AR", _("Arkansas")
    CA = "CA", _("California")
    CO = "CO", _("Colorado")
    CT = "CT", _("Connecticut")
    DE = "DE", _("Delaware")
    DC = "DC", _("District of Columbia")
    FL = "FL", _("Florida")
    GA = "GA", _("Georgia")
    HI = "HI", _("Hawaii")
    ID = "ID", _("Idaho")
    IL = "IL", _("Illinois")
    IN = "IN", _("Indiana")
    IA = "IA", _("Iowa")
    KS = "KS", _("Kansas")
    KY = "KY", _("Kentucky")
    LA = "LA", _("Louisiana")
    ME = "ME", _("Maine")
    MD = "MD", _("Maryland")
    MA = "MA", _("Massachusetts")
    MI = "MI", _("Michigan")
    MN = "MN", _("Minnesota")
    MS = "MS", _("Mississippi")
    MO = "MO", _("Missouri")
    MT = "MT", _("Montana")
    NE = "NE", _("Nebraska")
    NV = "NV", _("Nevada")
    NH = "NH", _("New Hampshire")
    NJ = "NJ", _("New Jersey")
    NM = "NM", _("New Mexico")
    NY = "NY", _("New York")
    NC = "NC", _("North Carolina")
    ND = "ND", _("North Dakota")
    OH = "OH", _("Ohio")
    OK = "OK", _("Oklahoma")
    OR = "OR", _("Oregon")
    PA = "PA", _("Pennsylvania")
    RI = "RI", _("Rhode Island")
    SC = "SC", _("South Carolina")
    SD = "SD", _("South Dakota")
    TN = "TN", _("Tennessee")
    TX = "TX", _("Texas")
    UT = "UT", _("Utah")
    VT = "VT", _("Vermont")
    VA = "VA", _("Virginia")
    WA = "WA", _("Washington")
    WV = "WV", _("West Virginia")
    WI = "WI", _("Wisconsin")
    WY = "WY", _("Wyoming")
    AS = "AS", _("American Samoa")
    GU = "GU", _("Guam")
    MP = "MP", _("Northern Mariana Islands")
    PR = "PR", _("Puerto Rico")
    VI = "VI", _("U.S. Virgin Islands")


TERRITORIES = frozenset({"AS", "GU", "MP", "PR", "VI"})


class DirectoryRevision(models.Model):
    """One row that moves whenever directory content changes. Its counter keys the page
    cache and the ETag, and `changed_at` is the pages' Last-Modified, so every web process
    (and every machine) sees a change, whatever cache backend it has: the process that made
    it at once, the others within DIRECTORY_REVISION_SECONDS (each reads the row at most that
    often)."""

    # (monotonic time read, revision) of this process; see `current()`.
    _last_read: "tuple[float, DirectoryRevision] | None" = None

    counter = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="directory_revision_single_row")
        ]

    def __str__(self) -> str:
        return f"revision {self.counter} ({self.changed_at:%Y-%m-%d %H:%M})"

    @classmethod
    def bump(cls) -> None:
        """Move the revision on; runs inside the caller's transaction, so the new revision
        becomes visible together with the content change that caused it."""
        cls.forget()
        updated = cls.objects.filter(pk=1).update(
            counter=F("counter") + 1, changed_at=timezone.now()
        )
        if not updated:
            cls.objects.get_or_create(pk=1, defaults={"counter": 1})

    @classmethod
    def forget(cls) -> None:
        """Read the row again on the next `current()` (after a change in this process)."""
        cls._last_read = None

    @classmethod
    def current(cls) -> "DirectoryRevision":
        """The revision, read with one plain query at most every DIRECTORY_REVISION_SECONDS
        per process: every directory request starts here, and for a page served from the
        cache that read was 40% of the time under gunicorn (0.6 of a static file's
        throughput with it, 0.8-0.9 without it)."""
        last = cls._last_read
        if last is not None and time.monotonic() - last[0] < settings.DIRECTORY_REVISION_SECONDS:
            return last[1]
        revision = cls._read()
        cls._last_read = (time.monotonic(), revision)
        return revision

    @classmethod
    def _read(cls) -> "DirectoryRevision":
        # Plain SQL: it skips the ORM's query building (a third of a cached page's time).
        table = connection.ops.quote_name(cls._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT counter, changed_at FROM {table} WHERE id = 1")  # noqa: S608
            row = cursor.fetchone()
        if row is None:
            return cls(pk=1, counter=0, changed_at=timezone.now())
        counter, changed_at = row
        if isinstance(changed_at, str):  # SQLite returns text
            changed_at = parse_datetime(changed_at)
        if timezone.is_naive(changed_at):
            changed_at = timezone.make_aware(changed_at, UTC)
        return cls(pk=1, counter=counter, changed_at=changed_at)


class CategoryQuerySet(models.QuerySet):
    def with_published_programs(self) -> "CategoryQuerySet":
        return self.prefetch_related(
            models.Prefetch(
                "programs",
                queryset=Program.objects.published().order_by("name"),
                to_attr="published_programs",
            )
        )


class Category(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("The category's address: /directory/categories/<slug>/."),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("One or two sentences shown under the heading.")
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=100, help_text=_("Lower numbers come first on the home page.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programs:category_detail", kwargs={"slug": self.slug})


class ProgramQuerySet(models.QuerySet):
    def published(self) -> "ProgramQuerySet":
        return self.filter(is_published=True)

    def in_category(self, category: Category) -> "ProgramQuerySet":
        return self.filter(categories=category)

    def matching_key(self, text: str) -> "ProgramQuerySet":
        """Programs whose name, acronym or one of whose other names is exactly `text`,
        compared as lookup keys ("287g" finds the page whose acronym is "287(g)")."""
        key = lookup_key(text)
        if not key:
            return self.none()
        return self.filter(lookup_keys__contains=f" {key} ")


class Program(models.Model):
    """A program, resource, tool or form of ICE (or of a partner) that officers may use."""

    class Feature(models.TextChoices):
        NONE = "", _("None")
        PARTICIPATION_287G = "287g", _("287(g) participation map and table")
        FIELD_OFFICES = "field_offices", _("Link to the field-office map")
        STAKEHOLDER_FORM = "stakeholder_form", _("Button to the online stakeholder request")
        CYBER_REPORT = "cyber_report", _("Button to the online cyber-incident report")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("The page's address: /directory/programs/<slug>/."),
    )
    acronym = models.CharField(
        _("acronym or short name"),
        max_length=40,
        blank=True,
        help_text=_('Shown after the name, e.g. "LESC".'),
    )
    aliases = models.TextField(
        _("other names and spellings"),
        blank=True,
        help_text=_(
            "One per line: former names, other acronyms and spellings officers may type "
            '(e.g. "287g", "Criminal Alien Program"). Search finds the page by any of them.'
        ),
    )
    component = models.CharField(
        _("ICE component"), max_length=10, choices=Component.choices, default=Component.ICE
    )
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One sentence: what it is and who it helps.")
    )
    body = models.TextField(
        _("body"),
        help_text=_(
            "Paragraphs separated by a blank line. A line starting with “- ” is a list item."
        ),
    )
    categories = models.ManyToManyField(
        Category, related_name="programs", verbose_name=_("categories")
    )
    related = models.ManyToManyField(
        "self", blank=True, symmetrical=True, verbose_name=_("related programs")
    )
    official_url = models.CharField(
        _("official page"),
        max_length=500,
        validators=[validate_official_address],
        help_text=_(
            "The program's own page on ICE.gov (or its DHS or partner .gov page): the first "
            "button on the program's page here."
        ),
    )
    feature = models.CharField(
        _("special section"),
        max_length=20,
        choices=Feature.choices,
        blank=True,
        default=Feature.NONE,
    )
    is_published = models.BooleanField(
        _("published"), default=True, help_text=_("Unpublished programs are hidden from visitors.")
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        default=date.today,
        help_text=_("When a person last checked every fact on the page."),
    )
    lookup_keys = models.TextField(editable=False, blank=True, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(m2m_fields=[categories])

    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        indexes = [models.Index(fields=["is_published", "name"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def save(self, *args, **kwargs) -> None:
        self.lookup_keys = self.compute_lookup_keys()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "lookup_keys"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("programs:program_detail", kwargs={"slug": self.slug})

    @property
    def display_acronym(self) -> str:
        """The acronym to show after the name, unless the name already contains it."""
        return self.acronym if self.acronym and self.acronym not in self.name else ""

    @property
    def official_host(self) -> str:
        """ "ICE.gov", "DHS.gov", "locator.ice.gov": how the button names the site."""
        host = (urlsplit(self.official_url).hostname or "").removeprefix("www.")
        return host.upper().replace(".GOV", ".gov") if host.count(".") == 1 else host

    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]

    def compute_lookup_keys(self) -> str:
        keys = {lookup_key(text) for text in [self.name, self.acronym, *self.alias_list()]}
        keys.discard("")
        return " " + " ".join(sorted(keys)) + " "


class Contact(models.Model):
    """A way to reach a program: a telephone line, a mailbox, or both."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="contacts")
    label = models.CharField(
        _("label"), max_length=150, help_text=_('e.g. "24-hour line for officers".')
    )
    phone = models.CharField(
        _("telephone"),
        max_length=40,
        blank=True,
        help_text=_("As people dial it, e.g. (802) 872-6000 or 1-866-DHS-2-ICE."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    hours = models.CharField(
        _("hours"),
        max_length=150,
        blank=True,
        help_text=_("e.g. Monday to Friday, 8 a.m. to 8 p.m. Eastern."),
    )
    is_24_7 = models.BooleanField(_("24 hours a day, 7 days a week"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            models.CheckConstraint(
                condition=~Q(phone="") | ~Q(email=""), name="contact_has_phone_or_email"
            )
        ]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        if not self.phone and not self.email:
            raise ValidationError(_("Give a telephone number, an e-mail address, or both."))
        if self.phone and len(dial_digits(self.phone)) not in (10, 11):
            raise ValidationError(
                {
                    "phone": _(
                        "A U.S. number has ten digits (or eleven starting with 1); "
                        "letters count as their keypad digits."
                    )
                }
            )

    @property
    def tel_href(self) -> str:
        return tel_link(self.phone)


class Link(models.Model):
    class Kind(models.TextChoices):
        PAGE = "page", _("Web page")
        TOOL = "tool", _("Online tool")
        FORM = "form", _("Form")
        DOCUMENT = "document", _("Document")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("title"), max_length=200)
    url = models.CharField(_("address"), max_length=500, validators=[validate_link_target])
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PAGE)
    description = models.CharField(_("description"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self) -> str:
        return self.title

    @property
    def is_external(self) -> bool:
        return not self.url.startswith("/")


class FieldOfficeQuerySet(models.QuerySet):
    def with_areas(self) -> "FieldOfficeQuerySet":
        return self.prefetch_related("areas")

    def covering(self, jurisdiction: str) -> "FieldOfficeQuerySet":
        return self.filter(areas__jurisdiction=jurisdiction).distinct()


class FieldOffice(models.Model):
    """An ERO field office and the states and territories of its area of responsibility."""

    name = models.CharField(
        _("name"), max_length=100, unique=True, help_text=_('The city, e.g. "Atlanta".')
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    address = models.TextField(
        _("address"), help_text=_("Street address, one line per line of the envelope.")
    )
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    outreach_email = models.EmailField(_("outreach e-mail"), blank=True)
    liaison_name = models.CharField(
        _("field liaison"),
        max_length=120,
        blank=True,
        help_text=_("The area's ERO field liaison for law-enforcement partners, when known."),
    )
    liaison_phone = models.CharField(_("liaison's telephone"), max_length=40, blank=True)
    liaison_email = models.EmailField(_("liaison's e-mail"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    objects = FieldOfficeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("field office")
        verbose_name_plural = _("field offices")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programs:field_office_list") + f"#office-{self.slug}"

    def clean(self) -> None:
        for field in ("phone", "liaison_phone"):
            number = getattr(self, field)
            if number and len(dial_digits(number)) not in (10, 11):
                raise ValidationError(
                    {
                        field: _(
                            "A U.S. number has ten digits (or eleven starting with 1); "
                            "letters count as their keypad digits."
                        )
                    }
                )
        if (self.liaison_phone or self.liaison_email) and not self.liaison_name:
            raise ValidationError({"liaison_name": _("Name the liaison these details reach.")})

    @property
    def has_liaison(self) -> bool:
        return bool(self.liaison_name)

    @property
    def liaison_tel_href(self) -> str:
        return tel_link(self.liaison_phone)

    @property
    def anchor(self) -> str:
        return f"office-{self.slug}"

    @property
    def tel_href(self) -> str:
        return tel_link(self.phone)


class CoverageArea(models.Model):
    """A state or territory (or, with a note, part of one) in a field office's area."""

    field_office = models.ForeignKey(FieldOffice, on_delete=models.CASCADE, related_name="areas")
    jurisdiction = models.CharField(
        _("state or territory"), max_length=2, choices=Jurisdiction.choices
    )
    note = models.CharField(
        _("part covered"),
        max_length=300,
        blank=True,
        help_text=_("Only where the state is split between offices, e.g. “northern Texas”."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["jurisdiction"]
        verbose_name = _("area of responsibility")
        verbose_name_plural = _("areas of responsibility")
        constraints = [
            models.UniqueConstraint(
                fields=["field_office", "jurisdiction"], name="one_area_per_office_and_state"
            )
        ]

    def __str__(self) -> str:
        label = self.get_jurisdiction_display()
        return f"{label} ({self.note})" if self.note else str(label)


class FAQQuerySet(models.QuerySet):
    def published(self) -> "FAQQuerySet":
        return self.filter(is_published=True)


class FAQ(models.Model):
    question = models.CharField(_("question"), max_length=300, unique=True)
    slug = models.SlugField(
        _("anchor"),
        max_length=120,
        unique=True,
        help_text=_("The question's anchor on the FAQ page: /directory/faq/#<anchor>."),
    )
    answer = models.TextField(
        _("answer"),
        help_text=_(
            "Paragraphs separated by a blank line. A line starting with “- ” is a list item."
        ),
    )
    related_programs = models.ManyToManyField(
        Program, blank=True, related_name="faqs", verbose_name=_("related programs")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    objects = FAQQuerySet.as_manager()

    class Meta:
        ordering = ["order", "question"]
        verbose_name = _("FAQ")
        verbose_name_plural = _("FAQs")

    def __str__(self) -> str:
        return self.question

    def get_absolute_url(self) -> str:
        return reverse("programs:faq") + f"#{self.slug}"
