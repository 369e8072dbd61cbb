app_name = "pokja"
urlpatterns: list = []
