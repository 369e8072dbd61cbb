"""One error shape for every API failure:

{"error": {"status": 404, "code": "not_found", "message": "...", "fields": {...}}}
"""

from rest_framework.views import exception_handler as drf_exception_handler


def error_body(status: int, code: str, message: str, fields: dict | None = None) -> dict:
    body = {"status": status, "code": code, "message": message}
    if fields:
        body["fields"] = fields
    return {"error": body}


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data
    fields = None
    if isinstance(detail, dict) and "detail" in detail:
        message = str(detail["detail"])
    elif isinstance(detail, dict):
        fields = {
            key: [str(item) for item in (value if isinstance(value, list) else [value])]
            for key, value in detail.items()
        }
        message = "Some fields are invalid."
    else:
        message = "; ".join(str(item) for item in detail) if isinstance(detail, list) else str(detail)
    code = getattr(exc, "default_code", "error")
    response.data = error_body(response.status_code, code, message, fields)
    return response
