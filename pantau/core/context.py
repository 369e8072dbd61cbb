from django.conf import settings

from pantau.reports.public import is_public_path


def office(request):
    # A public page keeps the public layout (no staff menu) even for a logged-in member of the office.
    return {"office_name": settings.PANTAU_OFFICE_NAME, "public_page": is_public_path(request.path)}
