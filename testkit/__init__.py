"""Support shared by the test suite and the benchmarks.

- `payloads`: the one valid post of each filing form (a stakeholder request, a cyber-incident
  report), as a clerk's or an officer's browser sends it.
- `mfa`: a TOTP authenticator enrolled for a user, and a signed-in client whose session has
  passed MFA, through allauth's public surface only.
- `totp`: an independent RFC 6238 implementation, to type the codes of an enrolled secret.
- `smtp`: a real SMTP listener on loopback that can be stopped, started and stalled.

Imports go one way: `tests/` and `bench/` import `testkit`, never the reverse. `payloads` and
`totp` are plain Python (the load generator imports them without Django); `mfa` needs Django
set up; `smtp` needs aiosmtpd (a development dependency).
"""
