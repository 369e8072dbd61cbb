from django.contrib import admin
from django.urls import include, path

# Each domain owns its URLs; the project only mounts them.
urlpatterns = [
    path("", include("pantau.core.urls")),
    path("akun/", include("pantau.people.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jobs/", include("pantau.jobs.urls")),
    path("api/", include("pantau.api.urls")),
    path("wilayah/", include("pantau.regions.urls")),
    path("posts/", include("pantau.intake.urls")),
    path("bukti/", include("pantau.evidence.urls")),
    path("inventaris/", include("pantau.inventory.urls")),
    path("deteksi/", include("pantau.detection.urls")),
    path("koordinasi/", include("pantau.coordination.urls")),
    path("lapor/", include("pantau.reports.urls")),
    path("kasus/", include("pantau.cases.urls")),
    path("pokja/", include("pantau.pokja.urls")),
    path("pihak-luar/", include("pantau.outreach.urls")),
    path("dokumen/", include("pantau.documents.urls")),
    path("dasbor/", include("pantau.dashboards.urls")),
    path("audit/", include("pantau.audit.urls")),
    path("admin/", admin.site.urls),
]

# 400, 403 and 404 are Django's views with the templates in pantau/core/templates/.
handler500 = "pantau.core.errors.server_error"
