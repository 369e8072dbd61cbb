"""Request headers that only a trusted reverse proxy may set."""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

from .client import from_trusted_proxy


def forwarded_proto_from_trusted_proxies(get_response):
    """Drop X-Forwarded-Proto unless a trusted proxy sent it: Django's SECURE_PROXY_SSL_HEADER believes
    the header from anyone, and a caller reaching the app directly over HTTP could claim HTTPS."""

    def middleware(request):
        if "HTTP_X_FORWARDED_PROTO" in request.META and not from_trusted_proxy(request):
            del request.META["HTTP_X_FORWARDED_PROTO"]
        return get_response(request)

    return middleware


def language_from_choice(get_response):
    """The language a person chose with the language switch (its cookie), else Indonesian.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: the public of
    the regency reads Indonesian, and a browser set to English must not turn /lapor/ into English.
    """

    def middleware(request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        patch_vary_headers(response, ["Cookie"])
        return response

    return middleware
