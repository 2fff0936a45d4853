"""What a browser says it can decode, and the decoding of what the portal sends."""

import gzip
import http.client

# What Chromium and Firefox send over HTTPS (zstd, which the portal does not offer, included).
BROWSER_ACCEPT_ENCODING = "gzip, deflate, br, zstd"


def decoded(headers: http.client.HTTPMessage, raw: bytes) -> bytes:
    """The body as a browser reads it; an encoding it cannot read is left as sent (a page's
    marker text then fails to be found, which counts as a failure)."""
    coding = (headers.get("Content-Encoding") or "identity").strip().lower()
    if coding == "br":
        import brotli

        return brotli.decompress(raw)
    if coding == "gzip":
        return gzip.decompress(raw)
    return raw
