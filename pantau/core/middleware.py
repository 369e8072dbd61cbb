"""Request headers that only a trusted reverse proxy may set."""

from .client import from_trusted_proxy


def forwarded_proto_from_trusted_proxies(get_response):
    """Drop X-Forwarded-Proto unless a trusted proxy sent it: Django's SECURE_PROXY_SSL_HEADER believes
    the header from anyone, and a caller reaching the app directly over HTTP could claim HTTPS."""

    def middleware(request):
        if "HTTP_X_FORWARDED_PROTO" in request.META and not from_trusted_proxy(request):
            del request.META["HTTP_X_FORWARDED_PROTO"]
        return get_response(request)

    return middleware
