from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("temuan/", views.new_finding, name="new_finding"),
    path("dari-laporan/<int:report_pk>/", views.from_report, name="from_report"),
    path("tenggat/", views.deadlines, name="deadlines"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/status/", views.move, name="move"),
    path("<int:pk>/tugaskan/", views.assign, name="assign"),
    path("<int:pk>/catatan/", views.note, name="note"),
    path("<int:pk>/hasil/", views.outcome, name="outcome"),
    path("<int:pk>/perpanjang/", views.extend, name="extend"),
    path("<int:pk>/lampiran/", views.attach, name="attach"),
    path("<int:pk>/laporan/", views.join, name="join"),
    path("<int:pk>/teruskan/", views.forward, name="forward"),
    path("penerusan/<int:pk>/surat/", views.forwarding_letter, name="forwarding_letter"),
    path("penerusan/<int:pk>/jawaban/", views.answer, name="answer"),
]
