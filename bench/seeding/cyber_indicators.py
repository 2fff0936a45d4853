"""The seeded indicators: who shares what, so that related reports look as they do live.

Most reports carry a few indicators of their own (an address, a domain, a hash, an e-mail
address: values no other report has). Some reports belong to a campaign: one attacker's
wallet, domain or address on 2 to about 60 reports, spread over the three years. A few
indicators are on a great many reports (a public resolver's address, a mass-phishing domain, a
common dropper's hash), the worst case of the related-reports panel. Ranges are not seeded
(the panel's range lookups are an index range each; the seed's flags count exact matches).

Every row is in the stored form `cyber_reports.indicators` gives it (kind, value, fingerprint,
ordered address), so the portal's matching finds them as it finds typed ones.
"""

import ipaddress
from array import array
from collections import Counter
from dataclasses import dataclass, field

from cyber_reports.indicators import fingerprint

_MAPPED_V4 = 0xFFFF << 32
#: Indicators on a great many reports: (kind, value, share of all reports).
HOT = (
    ("ip", "203.0.113.53", 0.010),
    ("domain", "secure-login-update.example", 0.005),
    ("sha256", "5f" * 32, 0.002),
)
CAMPAIGN_SHARE = 0.06  # reports in a campaign
CAMPAIGN_MEAN_SIZE = 8


def _row(kind: str, value: str, **fields) -> dict:
    row = {"kind": kind, "value": value, "fingerprint": fingerprint(kind, value), **fields}
    if kind == "ip":
        address = ipaddress.ip_address(value)
        offset = _MAPPED_V4 if address.version == 4 else 0
        row["ip_start"] = f"{int(address) | offset:032x}"
    return row


@dataclass
class IndicatorPlan:
    """For report number `i` of the run: its campaign (or -1), its hot indicator (or -1), and,
    once `count()` has seen every report's agencies, whether a report shares a key with
    another report of the same agency (`related()`)."""

    total: int
    campaign: array = field(init=False)
    hot: array = field(init=False)
    agencies: dict[tuple[str, int], Counter] = field(default_factory=dict)

    @classmethod
    def draw(cls, rng, total: int) -> "IndicatorPlan":
        plan = cls(total)
        plan.campaign = array("i", [-1]) * total
        plan.hot = array("b", [-1]) * total
        members = [i for i in range(total) if rng.random() < CAMPAIGN_SHARE]
        rng.shuffle(members)
        campaign, start = 0, 0
        while start < len(members):
            size = min(2 + int(rng.expovariate(1 / (CAMPAIGN_MEAN_SIZE - 2))), 60)
            for i in members[start : start + size]:
                plan.campaign[i] = campaign
            start += size
            campaign += 1
        for i in range(total):
            draw = rng.random()
            cumulative = 0.0
            for n, (_kind, _value, share) in enumerate(HOT):
                cumulative += share
                if draw < cumulative:
                    plan.hot[i] = n
                    break
        return plan

    def keys(self, i: int) -> list[tuple[str, int]]:
        keys = []
        if self.campaign[i] >= 0:
            keys.append(("campaign", self.campaign[i]))
        if self.hot[i] >= 0:
            keys.append(("hot", self.hot[i]))
        return keys

    def count(self, i: int, agency_ids) -> None:
        """Note the agencies report `i` is routed to."""
        for key in self.keys(i):
            self.agencies.setdefault(key, Counter()).update(set(agency_ids))

    def related(self, i: int, agency_id: int) -> bool:
        """Whether another report sharing a key with report `i` is routed to `agency_id`."""
        return any(self.agencies[key][agency_id] >= 2 for key in self.keys(i))

    def rows(self, i: int, pk: int, rng) -> list[dict]:
        """Report `i`'s indicators (without report and time), its own and its shared ones."""
        rows = []
        own = rng.randrange(4)  # 0 to 3 of its own
        for n in range(own):
            kind = ("ip", "domain", "sha256", "email")[(pk + n) % 4]
            if kind == "ip":
                value = str(ipaddress.IPv4Address(0x0A000000 + (pk * 4 + n) % 0xFFFFFF))
                rows.append(_row("ip", value, direction="source"))
            elif kind == "domain":
                rows.append(_row("domain", f"c2-{pk}-{n}.example"))
            elif kind == "sha256":
                rows.append(_row("sha256", f"{pk:032x}{n:032x}"))
            else:
                rows.append(_row("email", f"attacker{pk}.{n}@mail.example"))
        if self.campaign[i] >= 0:
            # One indicator for every report of the campaign: its wallet, domain or address.
            c = self.campaign[i]
            if c % 3 == 0:
                rows.append(_row("wallet", f"bc1qseed{c:034d}", currency="BTC"))
            elif c % 3 == 1:
                rows.append(_row("domain", f"campaign-{c}.example"))
            else:
                value = str(ipaddress.IPv4Address(0xC6120000 + c % 0x20000))  # 198.18.0.0/15
                rows.append(_row("ip", value, direction="destination"))
        if self.hot[i] >= 0:
            kind, value, _share = HOT[self.hot[i]]
            rows.append(_row(kind, value, direction="destination" if kind == "ip" else ""))
        return rows
