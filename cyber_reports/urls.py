app_name = "cyber_reports"

urlpatterns: list = []
