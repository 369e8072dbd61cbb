from django.urls import path

from . import views

app_name = "intake"
urlpatterns = [
    path("", views.post_list, name="list"),
    path("<int:pk>/", views.post_detail, name="detail"),
    path("tangkap/", views.capture, name="capture"),
    path("impor/", views.upload, name="import"),
]
