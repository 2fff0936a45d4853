"""Access entries of this app's URLs, merged into tests/access_table.py (see its docstring)."""

from ..access_table_base import *  # noqa: F403
from ..access_table_base import Role, admin_only, everyone

_EDITOR = admin_only(Role.CONTENT_EDITOR)
_ADMIN_MODELS = ("category", "program", "fieldoffice", "faq")
_ADMIN_PAGES = ("changelist", "add", "change", "delete", "history", "simple_history")

#: URL name → {"expect": {...}, "kwargs": {...}}.
ACCESS: dict[str, dict] = {
    # The directory is public: officers use it without an account.
    "sitemap": {"expect": everyone()},
    "programs:search": {"expect": everyone()},
    "programs:faq": {"expect": everyone()},
    "programs:field_office_list": {"expect": everyone()},
    "programs:category_detail": {"expect": everyone()},
    "programs:program_detail": {"expect": everyone()},
    # Content editors manage every part of the directory in the admin.
    **{
        f"admin:programs_{model}_{page}": {"expect": _EDITOR}
        for model in _ADMIN_MODELS
        for page in _ADMIN_PAGES
    },
}


def url_kwargs() -> dict[str, dict]:
    """URL kwargs that need real objects (created here, in the test database), by URL name."""
    from ..factories import CategoryFactory, FAQFactory, FieldOfficeFactory, ProgramFactory

    category = CategoryFactory()
    made = {
        "category": category,
        "program": ProgramFactory(categories=[category]),
        "fieldoffice": FieldOfficeFactory(),
        "faq": FAQFactory(),
    }
    kwargs: dict[str, dict] = {
        "programs:category_detail": {"slug": made["category"].slug},
        "programs:program_detail": {"slug": made["program"].slug},
    }
    for model, obj in made.items():
        for page in ("change", "delete", "history"):
            kwargs[f"admin:programs_{model}_{page}"] = {"object_id": obj.pk}
        # A pattern with unnamed groups: its arguments go by position.
        kwargs[f"admin:programs_{model}_simple_history"] = {
            "args": [obj.pk, obj.history.latest().history_id]
        }
    return kwargs
