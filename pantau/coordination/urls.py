from django.urls import path

from . import views

app_name = "coordination"
urlpatterns = [
    path("", views.cluster_list, name="list"),
    path("jalankan/", views.start_run, name="run"),
    path("<int:pk>/", views.cluster_detail, name="detail"),
    path("<int:pk>/tandai/", views.flag_cluster, name="flag"),
    path("<int:pk>/ekspor.<str:fmt>", views.cluster_export, name="export"),
]
