from django.urls import path

from . import dashboard_views, desk_views, hold_views, views

app_name = "cyber_reports"

_REPORT = "desk/<slug:agency>/<str:tracking_number>/"

urlpatterns = [
    path("", views.guidance, name="guidance"),
    path("what-to-report/", views.what_to_report, name="what_to_report"),
    path("how-to-report/", views.how_to_report, name="how_to_report"),
    path("training/", views.training, name="training"),
    path("report/", views.report_create, name="report_create"),
    path("report/<str:tracking_number>/received/", views.report_received, name="report_received"),
    path("update/<str:token>/", views.report_update, name="report_update"),
    path("desk/", desk_views.desk_index, name="desk_index"),
    path("desk/<slug:agency>/", desk_views.desk_list, name="desk_list"),
    path(
        "desk/<slug:agency>/dashboard/",
        dashboard_views.desk_dashboard_page,
        name="desk_dashboard",
    ),
    path("desk/<slug:agency>/export.csv", desk_views.desk_export_csv, name="desk_export_csv"),
    path(
        "desk/<slug:agency>/export.stix.json",
        desk_views.desk_export_stix,
        name="desk_export_stix",
    ),
    path(_REPORT, desk_views.desk_report, name="desk_report"),
    path(_REPORT + "acknowledge/", desk_views.desk_acknowledge, name="desk_acknowledge"),
    path(_REPORT + "close/", desk_views.desk_close, name="desk_close"),
    path(_REPORT + "reopen/", desk_views.desk_reopen, name="desk_reopen"),
    path(_REPORT + "refer/", desk_views.desk_refer, name="desk_refer"),
    path(_REPORT + "hand-on/", desk_views.desk_hand_on, name="desk_hand_on"),
    path(
        _REPORT + "to-reporter/",
        desk_views.desk_write_to_reporter,
        name="desk_write_to_reporter",
    ),
    path(
        _REPORT + "case-number/",
        desk_views.desk_share_case_number,
        name="desk_share_case_number",
    ),
    path(_REPORT + "notes/", desk_views.desk_note, name="desk_note"),
    path(_REPORT + "legal-hold/", hold_views.desk_hold, name="desk_hold"),
    path(_REPORT + "legal-hold/release/", hold_views.desk_release_hold, name="desk_release_hold"),
    path(
        _REPORT + "attachments/<int:attachment_id>/",
        desk_views.desk_attachment,
        name="desk_attachment",
    ),
    path(_REPORT + "export.csv", desk_views.desk_report_csv, name="desk_report_csv"),
    path(_REPORT + "export.stix.json", desk_views.desk_report_stix, name="desk_report_stix"),
]
