from django.urls import path

from . import views

app_name = "intake"
urlpatterns = [
    path("", views.post_list, name="list"),
    path("<int:pk>/", views.post_detail, name="detail"),
    path("tangkap/", views.capture, name="capture"),
    path("impor/", views.upload, name="import"),
    path("ekspor/", views.post_export, name="export"),
    path("pencarian/", views.saved_searches, name="searches"),
    path("pencarian/<int:pk>/langganan/", views.saved_search_subscribe, name="search_subscribe"),
    path("pencarian/<int:pk>/hapus/", views.saved_search_delete, name="search_delete"),
]
