from django.urls import path

from . import views

app_name = "dashboards"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("ekspor/", views.export, name="export"),
    path("notifikasi/", views.notifications, name="notifications"),
    path("notifikasi/dibaca/", views.notifications_read, name="notifications_read"),
    path("pantauan/", views.watch_lists, name="watch_lists"),
    path("pantauan/<int:pk>/hapus/", views.watch_list_delete, name="watch_list_delete"),
    path("informasi-positif/", views.positive, name="positive"),
]
