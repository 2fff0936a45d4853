from django.contrib import admin
from django.urls import include, path

from programs import views as programs_views
from stakeholder_forms import views as stakeholder_views

from . import views

admin.site.site_header = "LEA Corner administration"
admin.site.site_title = "LEA Corner admin"
admin.site.index_title = "Work queues and content"
# One sign-in for everybody: the admin's own login form is never shown.
admin.site.login = views.admin_login
# Password changes go through allauth too, so its validators, audit event and mail apply.
admin.site.password_change = views.admin_password_change

urlpatterns = [
    path("", programs_views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("sitemap.xml", programs_views.sitemap_xml, name="sitemap"),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("directory/", include("programs.urls")),
    path("stakeholder-requests/", include("stakeholder_forms.urls")),
    path("verify/", stakeholder_views.verify_certification, name="verify_certification"),
    path("cyber-incidents/", include("cyber_reports.urls")),
]

handler400 = "leacorner.views.bad_request"
handler403 = "leacorner.views.permission_denied"
handler404 = "leacorner.views.page_not_found"
handler500 = "leacorner.views.server_error"
