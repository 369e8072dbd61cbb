app_name = "detection"
urlpatterns: list = []
