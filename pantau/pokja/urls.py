from django.urls import path

from . import views

app_name = "pokja"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("rapat/baru/", views.meeting_create, name="create"),
    path("rapat/<int:pk>/", views.meeting_detail, name="detail"),
    path("rapat/<int:pk>/ubah/", views.meeting_edit, name="edit"),
    path("rapat/<int:pk>/undangan/", views.invite, name="invite"),
    path("rapat/<int:pk>/agenda/", views.agenda_add, name="agenda_add"),
    path("rapat/<int:pk>/agenda/usulan/", views.agenda_propose, name="agenda_propose"),
    path("rapat/<int:pk>/agenda/<int:item>/ubah/", views.agenda_edit, name="agenda_edit"),
    path("rapat/<int:pk>/agenda/<int:item>/hapus/", views.agenda_delete, name="agenda_delete"),
    path("rapat/<int:pk>/selenggarakan/", views.meeting_hold, name="hold"),
    path("rapat/<int:pk>/keputusan/", views.decision_add, name="decision_add"),
    path("rapat/<int:pk>/tindak-lanjut/", views.action_add, name="action_add"),
    path("rapat/<int:pk>/lanjutan/", views.follow_up, name="follow_up"),
    path("tindak-lanjut/", views.action_list, name="actions"),
    path("tindak-lanjut/<int:pk>/status/", views.action_status, name="action_status"),
]
