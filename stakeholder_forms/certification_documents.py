"""The certification's PDF as issued: its exact bytes and their SHA-256, kept when it is issued,
so that anyone holding a copy can learn at /verify/ whether it is byte for byte the issued one.

Why the bytes are kept, not only re-rendered: `certification_pdf.py` renders deterministically
(fpdf2 with the creation date fixed to the issue; the file's /ID is a hash of its content), but
a later change of its layout, its wording, a translation, fpdf2 itself or `SITE_URL` would
change the bytes, and every genuine copy issued before would then fail the comparison. So the
PDF is rendered once, when the certification is issued, in the same transaction, and every
download afterwards (the clerk's, the reviewer's) serves those bytes. A revocation renders the
copy marked "REVOKED" once, keeps it the same way, and downloads serve that one from then on;
the comparison recognises both. A few kilobytes a certification, in a table of their own so
that the certification's lists never read them.
"""

import enum
import hashlib
from typing import IO

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .certification import Certification
from .certification_pdf import render_certification_pdf


class CertificationDocument(models.Model):
    """One PDF of a certification as it was served: the issued one, and once revoked, the
    copy marked revoked. Written once; never changed."""

    class Kind(models.TextChoices):
        ISSUED = "issued", _("as issued")
        REVOKED = "revoked", _("marked revoked")

    certification = models.ForeignKey(
        Certification, on_delete=models.PROTECT, related_name="documents"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64, help_text=_("SHA-256 of the content, hexadecimal."))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("certification PDF")
        verbose_name_plural = _("certification PDFs")
        constraints = [
            models.UniqueConstraint(
                fields=["certification", "kind"], name="certification_document_one_per_kind"
            ),
            models.CheckConstraint(
                condition=models.Q(sha256__regex=r"^[0-9a-f]{64}$"),
                name="certification_document_sha256_hex",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.certification_id} ({self.kind})"


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def keep_pdf(certification: Certification, kind: str) -> CertificationDocument:
    """Render `certification` as it stands and keep the bytes as its `kind` PDF (once: a PDF
    kept already is returned as it is)."""
    existing = CertificationDocument.objects.filter(certification=certification, kind=kind).first()
    if existing is not None:
        return existing
    data = render_certification_pdf(certification)
    return CertificationDocument.objects.create(
        certification=certification, kind=kind, content=data, sha256=sha256_of(data)
    )


def served_pdf(certification: Certification) -> bytes:
    """The bytes every download of `certification` serves: the copy marked revoked once it is
    revoked, else the issued one. A certification issued before the bytes were kept (none
    after the data migration) gets them kept now."""
    kind = (
        CertificationDocument.Kind.REVOKED
        if certification.is_revoked
        else CertificationDocument.Kind.ISSUED
    )
    return bytes(keep_pdf(certification, kind).content)


class Comparison(enum.Enum):
    """What an uploaded file is, compared with a certification's kept PDFs."""

    ISSUED = "issued"  # byte for byte the PDF as issued
    REVOKED_COPY = "revoked_copy"  # byte for byte the copy marked revoked
    DIFFERENT = "different"  # anything else: edited, re-saved, printed to PDF, another one


def compare(certification: Certification, upload: IO[bytes]) -> Comparison:
    """Compare the bytes of `upload` (read from its start, in chunks) with the kept PDFs."""
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(64 * 1024), b""):
        digest.update(chunk)
    upload.seek(0)
    kinds = dict(
        CertificationDocument.objects.filter(certification=certification).values_list(
            "sha256", "kind"
        )
    )
    kind = kinds.get(digest.hexdigest())
    if kind == CertificationDocument.Kind.ISSUED:
        return Comparison.ISSUED
    if kind == CertificationDocument.Kind.REVOKED:
        return Comparison.REVOKED_COPY
    return Comparison.DIFFERENT
