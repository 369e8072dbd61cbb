from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("", views.new_document, name="new"),
    path("unduh/<int:pk>/", views.download, name="download"),
    path("register/", views.letter_register, name="register"),
    path("logo/", views.office_logo, name="logo"),
    path("logo/gambar/", views.logo_image, name="logo_image"),
]
