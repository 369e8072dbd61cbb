from django.urls import path

from . import views

app_name = "detection"
urlpatterns = [
    path("", views.review_queue, name="queue"),
    path("post/<int:pk>/", views.post_detail, name="post"),
    path("post/<int:pk>/review/", views.post_review, name="review"),
    path("review/bulk/", views.bulk_review, name="bulk_review"),
    path("classify/", views.classify_start, name="classify"),
    path("model/", views.model_page, name="models"),
    path("model/retrain/", views.model_retrain, name="retrain"),
    path("model/activate/", views.model_activate, name="activate"),
    path("slang/", views.slang_add, name="slang"),
    path("factcheck/", views.factcheck_list, name="factchecks"),
    path("factcheck/upload/", views.factcheck_upload, name="factcheck_upload"),
    path("factcheck/claimreview.json", views.factcheck_export, name="factcheck_export"),
]
