"""What every fuzzed response must show: no server error, and either the expected success or a
clear error on the page with nothing saved."""

ERROR_MARKERS = (
    "usa-error-message",  # a field's error (USWDS crispy pack, allauth elements)
    "usa-alert--error",  # the form's error summary or an error message
    "errornote",  # the admin's own form pages
    "errorlist",
)


def shows_an_error(response) -> bool:
    html = response.content.decode(errors="replace")
    return any(marker in html for marker in ERROR_MARKERS)


def is_empty_post(post: dict) -> bool:
    """True when the post sends no value at all, which the views read as no post (the
    `Form(request.POST or None)` idiom): the form is shown again, unbound."""
    return all(value == [] for value in post.values())


def assert_refused_clearly(
    response, *, counts_before: dict, counts_after: dict, post: dict | None = None
) -> None:
    """The post was refused: a 4xx or a re-rendered form naming the problem, nothing saved."""
    assert response.status_code < 500
    assert counts_after == counts_before, "an invalid post saved something"
    if post is not None and is_empty_post(post):
        return
    if response.status_code in (200, 400, 422, 429):
        assert shows_an_error(response), "an invalid post was refused without saying why"
