"""Admin pages that show records and never change them: audit logs, the mail outbox, filed
reports, the reviewers' queue (whose changes go through the model's transition methods).

`ReadOnlyAdminMixin` goes before `admin.ModelAdmin` (or an inline class) in the bases. Nobody,
superusers included, adds, edits or deletes a row through such a page; who may see it is
`viewer_permission`: superusers only when it is None, otherwise the active holders of that
"app_label.codename" permission (superusers hold every permission).
"""

from django.http import HttpRequest


class ReadOnlyAdminMixin:
    """Read-only admin pages, visible to superusers or to holders of `viewer_permission`."""

    #: None: superusers only. Otherwise the permission whose holders may see the pages.
    viewer_permission: str | None = None

    def may_view(self, request: HttpRequest) -> bool:
        user = request.user
        if not user.is_active:
            return False
        if self.viewer_permission is None:
            return user.is_superuser
        return user.has_perm(self.viewer_permission)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.may_view(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.may_view(request)

    # `obj` is the parent object for inlines; ModelAdmin passes only the request.
    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
