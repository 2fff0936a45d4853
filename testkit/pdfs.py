"""PDF files for tests and benchmarks, written byte by byte so that every version of every PDF
library reads the same file: a plain one-page document, and the hostile ones an attacker
uploads (JavaScript run on opening, a launch action, an embedded file, names spelled with
`#` escapes so that a search of the raw bytes misses them, an HTML page that merely starts
like a PDF). Plain bytes, no Django.
"""

PLAIN_PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"


def build_pdf(catalog_extra: bytes = b"", *, page: bytes = PLAIN_PAGE, more: list[bytes] = ()):
    """A complete PDF with a correct cross-reference table: object 1 the catalog (with
    `catalog_extra` inside its dictionary), 2 the page tree, 3 the one page, then `more`
    (objects 4, 5, …, which the catalog or the page may refer to)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        page,
        *more,
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


#: A valid one-page PDF with nothing active in it: what a scanner saves.
PLAIN_PDF = build_pdf()

#: JavaScript run as soon as the document opens.
OPEN_ACTION_JAVASCRIPT_PDF = build_pdf(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>")

#: The same, with the names spelled in `#` escapes (`/J#61vaScript` is `/JavaScript`).
ESCAPED_JAVASCRIPT_PDF = build_pdf(b"/OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>")

#: A document-level script in the name tree, kept in an object of its own.
NAMED_JAVASCRIPT_PDF = build_pdf(
    b"/Names << /JavaScript << /Names [(init) 4 0 R] >> >>",
    more=[b"<< /S /JavaScript /JS (this.print()) >>"],
)

#: A launch action (runs a program) on opening.
LAUNCH_PDF = build_pdf(b"/OpenAction << /S /Launch /F (cmd.exe) >>")

#: A file embedded in the document.
EMBEDDED_FILE_PDF = build_pdf(
    b"/Names << /EmbeddedFiles << /Names [(payload.exe) 4 0 R] >> >>",
    more=[
        b"<< /Type /Filespec /F (payload.exe) /EF << /F 5 0 R >> >>",
        b"<< /Type /EmbeddedFile /Length 5 >>\nstream\nMZ\x90\x00\x03\nendstream",
    ],
)

#: JavaScript in an action of a link on the page (run when it is clicked or hovered).
ANNOTATION_JAVASCRIPT_PDF = build_pdf(
    page=b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Annots [4 0 R] >>",
    more=[
        b"<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] "
        b"/A << /S /JavaScript /JS (app.launchURL('https://evil.example')) >> >>"
    ],
)

#: An HTML page that starts like a PDF and ends like one, with nothing of a PDF between.
HTML_POSING_AS_PDF = (
    b"%PDF-1.4\n<html><body><script>alert(document.domain)</script></body></html>\n%%EOF\n"
)

#: A PDF with no page at all.
NO_PAGE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)

#: Every hostile PDF above that is a real PDF, by what it hides.
ACTIVE_PDFS = {
    "javascript on opening": OPEN_ACTION_JAVASCRIPT_PDF,
    "escaped javascript": ESCAPED_JAVASCRIPT_PDF,
    "document javascript": NAMED_JAVASCRIPT_PDF,
    "launch action": LAUNCH_PDF,
    "embedded file": EMBEDDED_FILE_PDF,
    "javascript link": ANNOTATION_JAVASCRIPT_PDF,
}
