from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    """The site name, for the header, the footer and the page titles."""
    return {"SITE_NAME": settings.SITE_NAME}
