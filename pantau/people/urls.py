from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("masuk/", views.login, name="login"),
    path("keluar/", views.logout, name="logout"),
    path("token/", views.api_tokens, name="api_tokens"),
    path("hak-akses/", views.grant_list, name="grants"),
    path("hak-akses/<int:pk>/", views.grant_decide, name="grant_decide"),
]
