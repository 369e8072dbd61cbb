from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.report_form, name="form"),
    path("tanda-terima/", views.receipt, name="receipt"),
    path("tanda-terima/pdf/", views.receipt_download, name="receipt_pdf"),
    path("status/", views.status, name="status"),
    path("status/lengkapi/", views.complete, name="complete"),
    path("privasi/", views.privacy, name="privacy"),
    path("staf/", views.staff_list, name="staff_list"),
    path("staf/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("staf/<int:pk>/identitas/", views.staff_identity, name="staff_identity"),
    path("staf/<int:pk>/penelusuran/", views.start_inquiry, name="start_inquiry"),
    path("staf/<int:pk>/penelusuran/hasil/", views.conclude_inquiry, name="conclude_inquiry"),
    path("staf/lampiran/<int:pk>/", views.attachment, name="attachment"),
]
