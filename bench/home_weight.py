"""What a first visit to the home page transfers, measured in Chromium (the target of issue 16:
150 KB at most, cold cache).

Runs the portal as in production (`harness.Portal`: gunicorn, whitenoise's compressed static
files, the Redis caches) and opens `/` in headless Chromium (`/usr/bin/chromium`, Playwright)
with an empty cache, at desktop width, then counts every response's bytes on the wire (headers
and body, as Chromium's network log reports them, encoded as sent). Prints each resource and
the total. Exits 2 when the total is over the target (0 with `--report-only`), 1 on an error.

    .venv/bin/python bench/home_weight.py
"""

import argparse
import os
import shutil
import sys

from harness import HOST, Portal
from verdicts import ERROR, add_verdict_option, verdict_status

TARGET_BYTES = 150 * 1024
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_verdict_option(parser)
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with Portal(workers=1) as portal, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            responses = []
            page.on("requestfinished", lambda request: responses.append(request))
            answer = page.goto(f"http://{HOST}:{portal.port}/", wait_until="networkidle")
            if answer is None or answer.status != 200:
                print(f"home answered {answer and answer.status}")
                return ERROR
            total = 0
            for request in responses:
                sizes = request.sizes()
                size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
                total += size
                response = request.response()
                encoding = response.headers.get("content-encoding", "-") if response else "-"
                print(f"{size:8,d} B  {encoding:4} {request.url.split(str(portal.port), 1)[1]}")
        finally:
            browser.close()
    met = total <= TARGET_BYTES
    print(
        f"home weight: {total:,} B ({total / 1024:.1f} KB) transferred by a first visit in "
        f"{len(responses)} responses (target {TARGET_BYTES // 1024} KB: "
        f"{'met' if met else 'MISSED'}; load average {os.getloadavg()[0]:.1f})"
    )
    return verdict_status(met, options)


if __name__ == "__main__":
    sys.exit(main())
