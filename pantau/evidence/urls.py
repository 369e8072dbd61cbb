from django.urls import path

from . import views

app_name = "evidence"
urlpatterns = [
    path("<int:pk>/pratinjau/", views.preview, name="preview"),
    path("<int:pk>/unduh/", views.download, name="download"),
]
