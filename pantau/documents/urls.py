from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("", views.new_document, name="new"),
    path("unduh/<int:pk>/", views.download, name="download"),
]
