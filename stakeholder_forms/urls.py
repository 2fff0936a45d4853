from django.urls import path

from . import dashboard_views, views

app_name = "stakeholder_forms"

urlpatterns = [
    path("", views.request_list, name="request_list"),
    path("dashboard/", dashboard_views.queue_dashboard_page, name="queue_dashboard"),
    path("new/", views.request_form, name="request_create"),
    path("request-form.pdf", views.printable_form, name="printable_form"),
    path("fact-sheet/", views.fact_sheet, name="fact_sheet"),
    path("drafts/<int:pk>/", views.request_form, name="draft_edit"),
    path("drafts/<int:pk>/delete/", views.draft_delete, name="draft_delete"),
    path("<int:pk>/", views.request_detail, name="request_detail"),
    path("<int:pk>/submitted/", views.request_submitted, name="request_submitted"),
    path("<int:pk>/answer/", views.request_answer, name="request_answer"),
    path("<int:pk>/withdraw/", views.request_withdraw, name="request_withdraw"),
    path("<int:pk>/document/", views.request_document, name="request_document"),
    path("<int:pk>/certification.pdf", views.certification_pdf, name="certification_pdf"),
]
