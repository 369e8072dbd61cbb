from django.urls import path

from . import views

app_name = "inventory"
urlpatterns = [
    path("", views.account_list, name="accounts"),
    path("akun/status/", views.accounts_status, name="accounts_status"),
    path("akun/<int:pk>/", views.account_detail, name="account"),
    path("akun/<int:pk>/status/", views.account_status, name="account_status"),
    path("akun/<int:pk>/alias/", views.account_add_alias, name="account_alias"),
    path("grup/", views.group_list, name="groups"),
    path("grup/status/", views.groups_status, name="groups_status"),
    path("grup/<int:pk>/", views.group_detail, name="group"),
    path("grup/<int:pk>/status/", views.group_status, name="group_status"),
    path("grup/<int:pk>/peran/", views.group_add_role, name="group_role"),
]
