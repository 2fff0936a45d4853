"""The reviewer's preview pages (stakeholder_forms/decision_admin.py) read as a browser reads
them: the hidden fields of the confirming form, the letter's subject and body as shown.

`confirm()` posts a preview's own form with its "confirm" button, exactly what the reviewer's
click sends; `decide()` is the whole way, from the typed fields to the confirmation.
"""

from html.parser import HTMLParser


class _PreviewParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden: dict[str, str] = {}
        self.texts: dict[str, str] = {}
        self._open: list[str] = []
        self._buttons: set[str] = set()

    def handle_starttag(self, tag, attrs) -> None:
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") and attrs.get("name") != "csrfmiddlewaretoken":
            if attrs.get("type") == "hidden":
                self.hidden[attrs["name"]] = attrs.get("value") or ""
            elif attrs.get("type") == "submit":
                self._buttons.add(attrs["name"])
        if attrs.get("id") in {"letter-subject", "letter-body", "letter-to"}:
            self._open.append(attrs["id"])
            self.texts[attrs["id"]] = ""

    def handle_endtag(self, tag) -> None:
        if self._open and tag in {"dd", "pre"}:
            self._open.pop()

    def handle_data(self, data) -> None:
        if self._open:
            self.texts[self._open[-1]] += data


def read_preview(response) -> _PreviewParser:
    parser = _PreviewParser()
    parser.feed(response.content.decode())
    if "confirm" not in parser._buttons:
        raise AssertionError("not a preview page: it has no confirm button")
    return parser


def confirm(client, url: str, preview, *, follow: bool = False, **extra):
    """Click the preview's confirm button (its hidden fields, plus `extra` changes)."""
    data = {**read_preview(preview).hidden, "confirm": "1", **extra}
    return client.post(url, data, follow=follow)


def is_preview(response) -> bool:
    return response.status_code == 200 and 'name="confirm"' in response.content.decode()


def decide(client, url: str, data: dict, *, follow: bool = False):
    """Post `data`, then confirm its preview; a page that is no preview (a refusal, the form
    again with its errors) is returned as it is."""
    preview = client.post(url, data)
    if not is_preview(preview):
        return preview
    return confirm(client, url, preview, follow=follow)
