"""The server-error page: rendered without the request, so a broken database or session cannot break it too.

400, 403, 404 and the CSRF failure need no code: Django renders the templates of
the same names (pantau/core/templates/) with the request, so they get the menu.
"""

import logging

from django.conf import settings
from django.http import HttpResponseServerError
from django.template.loader import render_to_string

from pantau.reports.public import is_public_path

log = logging.getLogger(__name__)

BARE_500 = "<!doctype html><title>500</title><h1>500</h1><p>Pantau: server error.</p>"


def server_error(request):
    # Only values that need no database, session or user: the template is given no request.
    context = {"office_name": settings.PANTAU_OFFICE_NAME, "public_page": is_public_path(request.path)}
    try:
        body: str = render_to_string("500.html", context)
    except Exception:  # the page that reports an error must not raise one
        log.exception("the 500 page could not be rendered")
        body = BARE_500
    return HttpResponseServerError(body)
