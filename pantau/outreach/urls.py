from django.urls import path

from . import views

app_name = "outreach"
urlpatterns = [
    path("", views.person_list, name="people"),
    path("baru/", views.person_new, name="person_new"),
    path("<int:pk>/", views.person_detail, name="person"),
    path("<int:pk>/ubah/", views.person_edit, name="person_edit"),
    path("<int:pk>/ikatan/", views.person_tie, name="person_tie"),
    path("<int:pk>/gabung/", views.person_merge, name="person_merge"),
    path("rapat/<int:pk>/undang/", views.meeting_invite, name="meeting_invite"),
    path("rapat/<int:pk>/komitmen/", views.commitment_add, name="commitment_add"),
    path("undangan/<int:pk>/status/", views.invitation_status, name="invitation_status"),
    path("komitmen/", views.commitment_list, name="commitments"),
    path("komitmen/<int:pk>/tutup/", views.commitment_close, name="commitment_close"),
]
