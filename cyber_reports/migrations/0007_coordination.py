"""Coordination between agencies (issue 12): indicators of every kind in one normalised,
indexed table; the ransomware and loss answers; referrals, hand-ons, reopening and shared case
numbers and notes on the routings, with their history (`RoutingEvent`); the desks' questions
and messages to the reporter.

`NetworkIndicator` (addresses, ports and URLs) becomes `Indicator`: 0008 copies each row in its
stored form (kind, value, fingerprint, ordered address) and gives existing routings the
history their stamps tell (routed, acknowledged, closed), the time they reached the desk (the
report's filing time), and `has_related` where another report routed to the same agency
shares an indicator (old reports have single addresses only, so an exact match of the
fingerprint is the whole rule); 0009 removes the old table.
"""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cyber_reports", "0006_routing_version"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Indicator",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("ip", "IP address"),
                            ("ip_range", "IP address range"),
                            ("port", "Port"),
                            ("domain", "Domain"),
                            ("url", "URL"),
                            ("email", "E-mail address"),
                            ("md5", "MD5 hash"),
                            ("sha1", "SHA-1 hash"),
                            ("sha256", "SHA-256 hash"),
                            ("wallet", "Wallet address"),
                        ],
                        max_length=10,
                    ),
                ),
                (
                    "direction",
                    models.CharField(
                        blank=True,
                        choices=[("source", "Source"), ("destination", "Destination")],
                        help_text="For addresses, ranges, ports and URLs: where the traffic went or came from.",
                        max_length=12,
                    ),
                ),
                ("value", models.CharField(max_length=2000)),
                (
                    "port",
                    models.PositiveIntegerField(
                        blank=True,
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(0),
                            django.core.validators.MaxValueValidator(65535),
                        ],
                    ),
                ),
                (
                    "currency",
                    models.CharField(
                        blank=True,
                        help_text="For a wallet: BTC, ETH, XMR, LTC, TRX or other.",
                        max_length=10,
                    ),
                ),
                ("fingerprint", models.CharField(editable=False, max_length=64)),
                ("ip_start", models.CharField(blank=True, editable=False, max_length=32)),
                (
                    "report_submitted_at",
                    models.DateTimeField(
                        editable=False,
                        help_text="A copy of the report's filing time, for the newest first.",
                    ),
                ),
            ],
            options={
                "ordering": ["kind", "direction", "pk"],
            },
        ),
        migrations.AddField(
            model_name="indicator",
            name="report",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="indicators",
                to="cyber_reports.cyberincidentreport",
            ),
        ),
        migrations.CreateModel(
            name="ReporterMessage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "kind",
                    models.CharField(
                        choices=[("question", "Question"), ("message", "Message")], max_length=8
                    ),
                ),
                ("body", models.TextField()),
                ("answered_at", models.DateTimeField(blank=True, null=True)),
            ],
            options={
                "ordering": ["created_at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="RoutingEvent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("routed", "Received by the routing rules"),
                            ("acknowledged", "Acknowledged"),
                            ("closed", "Closed"),
                            ("reopened", "Reopened"),
                            ("referred", "Referred to another agency"),
                            ("added", "Added by another agency"),
                            ("handed_on", "Handed on to another agency"),
                            ("received", "Handed on by another agency"),
                            ("asked", "Asked the reporter"),
                            ("messaged", "Sent the reporter a message"),
                            ("answered", "The reporter answered"),
                            ("shared_case_number", "Shared the case number"),
                            ("unshared_case_number", "Stopped sharing the case number"),
                        ],
                        max_length=24,
                    ),
                ),
                ("from_status", models.CharField(blank=True, max_length=16)),
                ("to_status", models.CharField(blank=True, max_length=16)),
                (
                    "note",
                    models.TextField(blank=True, help_text="The reason, question or message."),
                ),
            ],
            options={
                "ordering": ["at", "pk"],
            },
        ),
        migrations.AddField(
            model_name="reportermessage",
            name="author",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="reportermessage",
            name="routing",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="reporter_messages",
                to="cyber_reports.reportrouting",
            ),
        ),
        migrations.AddField(
            model_name="routingevent",
            name="actor",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="routingevent",
            name="other_agency",
            field=models.ForeignKey(
                blank=True,
                help_text="The agency referred or handed on to, or the one that did it.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="cyber_reports.agency",
            ),
        ),
        migrations.AddField(
            model_name="routingevent",
            name="report",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="routing_events",
                to="cyber_reports.cyberincidentreport",
            ),
        ),
        migrations.AddField(
            model_name="routingevent",
            name="routing",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="events",
                to="cyber_reports.reportrouting",
            ),
        ),
        migrations.RemoveConstraint(
            model_name="reportrouting",
            name="cyber_routing_status_stamped",
        ),
        migrations.AddField(
            model_name="cyberincidentreport",
            name="backups",
            field=models.CharField(
                choices=[
                    ("unaffected", "Yes, and the attack did not reach them"),
                    ("affected", "Yes, but they were encrypted, deleted or stolen too"),
                    ("none", "No backups"),
                    ("unknown", "Not known yet"),
                ],
                default="unknown",
                max_length=12,
                verbose_name="are there backups of the affected data?",
            ),
        ),
        migrations.AddField(
            model_name="cyberincidentreport",
            name="estimated_loss",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                help_text="Recovery, lost business and any payment, as far as known now.",
                max_digits=15,
                null=True,
                validators=[django.core.validators.MinValueValidator(0)],
                verbose_name="estimated financial loss (U.S. dollars)",
            ),
        ),
        migrations.AddField(
            model_name="cyberincidentreport",
            name="ransom_currency",
            field=models.CharField(
                blank=True,
                choices=[
                    ("USD", "U.S. dollars"),
                    ("BTC", "Bitcoin (BTC)"),
                    ("XMR", "Monero (XMR)"),
                    ("ETH", "Ether (ETH)"),
                    ("USDT", "Tether (USDT)"),
                    ("LTC", "Litecoin (LTC)"),
                    ("other", "Another currency"),
                ],
                max_length=8,
                verbose_name="currency of the demand",
            ),
        ),
        migrations.AddField(
            model_name="cyberincidentreport",
            name="ransom_demanded",
            field=models.DecimalField(
                blank=True,
                decimal_places=8,
                help_text="The amount, in the currency chosen beside it.",
                max_digits=24,
                null=True,
                validators=[django.core.validators.MinValueValidator(0)],
                verbose_name="ransom demanded",
            ),
        ),
        migrations.AddField(
            model_name="cyberincidentreport",
            name="ransom_paid",
            field=models.CharField(
                choices=[("yes", "Yes"), ("no", "No"), ("unknown", "Not known yet")],
                default="unknown",
                max_length=8,
                verbose_name="was the ransom paid?",
            ),
        ),
        migrations.AddField(
            model_name="cyberincidentreport",
            name="ransomware_variant",
            field=models.CharField(
                blank=True,
                help_text="The name the ransom note, the file names or your provider give, if known.",
                max_length=100,
                verbose_name="ransomware variant",
            ),
        ),
        migrations.AddField(
            model_name="desknote",
            name="shared",
            field=models.BooleanField(
                default=False, verbose_name="shared with the other agencies on the report"
            ),
        ),
        migrations.AddField(
            model_name="reportrouting",
            name="added_by",
            field=models.ForeignKey(
                blank=True,
                help_text="The agency whose desk added this one (a referral or a hand-on).",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="cyber_reports.agency",
            ),
        ),
        migrations.AddField(
            model_name="reportrouting",
            name="case_number_shared",
            field=models.BooleanField(
                default=False, verbose_name="case number shown to the other agencies"
            ),
        ),
        migrations.AddField(
            model_name="reportrouting",
            name="handed_on_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="reportrouting",
            name="handed_on_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="reportrouting",
            name="handed_on_to",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="cyber_reports.agency",
            ),
        ),
        migrations.AddField(
            model_name="reportrouting",
            name="has_related",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="Another report routed to this agency shares an indicator with this one (cyber_reports.related keeps it).",
            ),
        ),
        migrations.AddField(
            model_name="reportrouting",
            name="routed_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now,
                help_text="When it reached the desk.",
                verbose_name="received by the agency",
            ),
        ),
        migrations.AlterField(
            model_name="reportrouting",
            name="closing_note",
            field=models.TextField(blank=True, verbose_name="reason for closing"),
        ),
        migrations.AlterField(
            model_name="reportrouting",
            name="status",
            field=models.CharField(
                choices=[
                    ("new", "New"),
                    ("acknowledged", "Acknowledged"),
                    ("closed", "Closed"),
                    ("handed_on", "Handed on"),
                ],
                default="new",
                max_length=16,
            ),
        ),
        migrations.AddField(
            model_name="reportupdate",
            name="in_reply_to",
            field=models.ForeignKey(
                blank=True,
                help_text="The desk's question this update answers.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="answers",
                to="cyber_reports.reportermessage",
            ),
        ),
        migrations.AddIndex(
            model_name="reportrouting",
            index=models.Index(
                condition=models.Q(("has_related", True)),
                fields=["agency", "report_submitted_at", "id"],
                name="cyber_desk_related",
            ),
        ),
        migrations.AddConstraint(
            model_name="reportrouting",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("status", "new"),
                    models.Q(("acknowledged_at__isnull", False), ("status", "acknowledged")),
                    models.Q(("closed_at__isnull", False), ("status", "closed")),
                    models.Q(
                        ("handed_on_at__isnull", False),
                        ("handed_on_to__isnull", False),
                        ("status", "handed_on"),
                    ),
                    _connector="OR",
                ),
                name="cyber_routing_status_stamped",
            ),
        ),
        migrations.AddConstraint(
            model_name="reportrouting",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("handed_on_to", models.F("agency")), _negated=True),
                    models.Q(("added_by", models.F("agency")), _negated=True),
                ),
                name="cyber_routing_other_agency",
            ),
        ),
        migrations.AddConstraint(
            model_name="cyberincidentreport",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("ransom_currency", ""), ("ransom_demanded__isnull", True)),
                    models.Q(
                        ("ransom_demanded__isnull", False),
                        models.Q(("ransom_currency", ""), _negated=True),
                    ),
                    _connector="OR",
                ),
                name="cyber_ransom_amount_has_currency",
                violation_error_message="Give the ransom's amount with its currency.",
            ),
        ),
    ]
