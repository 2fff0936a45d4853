from django.urls import path

from . import views

# Mounted beside allauth's URLs under accounts/ (leacorner/urls.py), without a namespace, as
# allauth's own are.
urlpatterns = [
    path("staff-enrolment/<str:token>/", views.staff_enrolment, name="staff_mfa_enrolment"),
    path("2fa/continue/", views.after_two_factor, name="mfa_continue"),
    path("clerk-account/", views.clerk_account_status, name="clerk_account_status"),
]
