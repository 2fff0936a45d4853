from django.urls import path

from . import views

app_name = "programs"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("faq/", views.faq, name="faq"),
    path("field-offices/", views.field_office_list, name="field_office_list"),
    path("categories/<slug:slug>/", views.category_detail, name="category_detail"),
    path("programs/<slug:slug>/", views.program_detail, name="program_detail"),
]
