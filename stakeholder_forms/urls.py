app_name = "stakeholder_forms"

urlpatterns: list = []
