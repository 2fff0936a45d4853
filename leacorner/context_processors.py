from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    """The site name and whether the visitor holds a staff role, for the header and footer."""
    user = getattr(request, "user", None)
    return {
        "SITE_NAME": settings.SITE_NAME,
        "user_is_staff": bool(user and user.is_authenticated and user.is_staff),
    }
