"""Legal holds: a record that must be kept, whatever the retention schedule says.

A hold is placed on one record (a stakeholder request, a cyber-incident report) by someone the
record's own model allows (`legal_hold_refusal`), for an office (`held_for`: "" for ERO, an
agency's code for a cyber desk), with a reason; it is released by someone the model allows,
with a reason. The row is the audit record of both: who, when and why, never edited after its
release and never deleted, not even when the record itself is disposed of years later.

While a record has an active hold, `leacorner.retention` never touches it, its documents, its
certification or its access log. Placing a hold locks the record's row in the same transaction
as it writes the hold; the retention run locks the rows it is about to dispose of and looks for
holds after it holds those locks, so a hold placed during a run either comes first (the record
is kept) or waits for the run (and is then refused: the record is gone or anonymised).

A model that can be held defines:

- `legal_hold_refusal(action, user, *, held_for)`: why `user` may not "place" or "release" a
  hold of `held_for` on this record now, or None;
- `legal_hold_label`: how a hold names the record (its tracking number), kept on the hold.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .transitions import TransitionError

REASON_MAX_LENGTH = 2000


class LegalHoldQuerySet(models.QuerySet):
    def active(self) -> "LegalHoldQuerySet":
        return self.filter(released_at__isnull=True)

    def on(self, record: models.Model) -> "LegalHoldQuerySet":
        return self.filter(
            content_type=ContentType.objects.get_for_model(record), object_id=record.pk
        )

    def on_model(self, model: type[models.Model]) -> "LegalHoldQuerySet":
        return self.filter(content_type=ContentType.objects.get_for_model(model))


class LegalHold(models.Model):
    """A hold on one record: placed by whom, when, for which office and why; released by
    whom, when and why. Written only by `place_hold` and `release_hold`."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record_label = models.CharField(
        _("record"), max_length=40, help_text=_("The record's number, kept after it is gone.")
    )
    held_for = models.CharField(
        _("held for"),
        max_length=16,
        blank=True,
        help_text=_("The office holding the record: empty for ERO, else the agency's code."),
    )
    reason = models.TextField(_("reason for the hold"), max_length=REASON_MAX_LENGTH)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    placed_at = models.DateTimeField(_("placed"), default=timezone.now)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    released_at = models.DateTimeField(_("released"), null=True, blank=True)
    release_reason = models.TextField(
        _("reason for the release"), max_length=REASON_MAX_LENGTH, blank=True
    )

    objects = LegalHoldQuerySet.as_manager()

    class Meta:
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        ordering = ["-placed_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="legal_hold_record")]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "held_for"],
                condition=Q(released_at__isnull=True),
                name="legal_hold_one_active_per_office",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="legal_hold_has_reason"),
            models.CheckConstraint(
                condition=Q(released_at__isnull=True)
                | (Q(released_by__isnull=False) & ~Q(release_reason="")),
                name="legal_hold_release_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.record_label} ({self.placed_at:%Y-%m-%d})"

    @property
    def is_active(self) -> bool:
        return self.released_at is None


def not_held(
    queryset: models.QuerySet, *, held: type[models.Model] | None = None, through: str = "pk"
) -> models.QuerySet:
    """`queryset` without the rows whose record has an active hold (one anti-join): the rows
    themselves, or with `held` and `through`, the rows whose `through` field names a held
    record of model `held` (a request's access log: `held=StakeholderRequest, through=
    "request_id"`)."""
    holds = (
        LegalHold.objects.active()
        .on_model(held or queryset.model)
        .filter(object_id=OuterRef(through))
    )
    return queryset.filter(~Exists(holds))


def held_ids(model: type[models.Model], ids) -> set[int]:
    """Which of these ids of `model` have an active hold, read now (a fresh statement)."""
    return set(
        LegalHold.objects.active()
        .on_model(model)
        .filter(object_id__in=list(ids))
        .values_list("object_id", flat=True)
    )


def _clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise TransitionError(gettext("Give the reason."))
    if len(reason) > REASON_MAX_LENGTH:
        raise TransitionError(
            gettext("Keep the reason under %(n)d characters.") % {"n": REASON_MAX_LENGTH}
        )
    return reason


def _locked_record(record: models.Model) -> models.Model:
    try:
        return type(record)._default_manager.select_for_update(of=("self",)).get(pk=record.pk)
    except type(record).DoesNotExist:
        raise TransitionError(
            gettext("This record no longer exists: it was disposed of under the schedule.")
        ) from None


def place_hold(record: models.Model, *, by, reason: str, held_for: str = "") -> LegalHold:
    """Hold `record` for `held_for` (raises TransitionError with the refusal)."""
    reason = _clean_reason(reason)
    with transaction.atomic():
        locked = _locked_record(record)
        if refusal := locked.legal_hold_refusal("place", by, held_for=held_for):
            raise TransitionError(refusal)
        if LegalHold.objects.active().on(locked).filter(held_for=held_for).exists():
            raise TransitionError(gettext("This record is already on hold."))
        return LegalHold.objects.create(
            content_type=ContentType.objects.get_for_model(locked),
            object_id=locked.pk,
            record_label=locked.legal_hold_label[:40],
            held_for=held_for,
            reason=reason,
            placed_by=by,
        )


def release_hold(record: models.Model, *, by, reason: str, held_for: str = "") -> LegalHold:
    """Release the active hold of `held_for` on `record` (raises TransitionError)."""
    reason = _clean_reason(reason)
    with transaction.atomic():
        locked = _locked_record(record)
        if refusal := locked.legal_hold_refusal("release", by, held_for=held_for):
            raise TransitionError(refusal)
        hold = (
            LegalHold.objects.active()
            .on(locked)
            .filter(held_for=held_for)
            .select_for_update()
            .first()
        )
        if hold is None:
            raise TransitionError(gettext("This record is not on hold."))
        hold.released_by, hold.released_at, hold.release_reason = by, timezone.now(), reason
        hold.save(update_fields=["released_by", "released_at", "release_reason"])
        return hold
