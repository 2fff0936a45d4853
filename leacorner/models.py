from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The legal hold lives in its own module; imported here so that Django registers it.
from .legal_holds import LegalHold
from .snapshots import Snapshot

__all__ = ["LegalHold", "OutgoingEmail", "Snapshot"]


class OutgoingEmailQuerySet(models.QuerySet):
    def about(self, obj: models.Model) -> "OutgoingEmailQuerySet":
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )

    def undelivered(self) -> "OutgoingEmailQuerySet":
        return self.exclude(status=OutgoingEmail.Status.SENT)


class OutgoingEmail(models.Model):
    """One e-mail to one recipient, stored before it is sent so an SMTP outage loses nothing.

    Created by `leacorner.mail.queue_email()` inside the transaction of the change it reports;
    delivered after commit by the `deliver_email` task, which retries with back-off. The admin
    shows its delivery state beside the record it is about.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RETRYING = "retrying", _("Retrying")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(max_length=64, help_text=_("What the message is, e.g. 'received'."))
    to = models.EmailField(max_length=254)
    subject = models.CharField(max_length=255)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    about = GenericForeignKey("content_type", "object_id")

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["status", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to} ({self.get_status_display()})"
