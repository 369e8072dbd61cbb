"""Pages of every API list: `limit` and `offset` are checked, never passed to the database as typed.

DRF's own class silently ignores a bad value and hands any size to the database, where a huge one
overflows SQLite's integers (a 500). Here a value that is not a whole number in range answers 400
in the API's one error shape, so a script learns what it did wrong.
"""

from typing import TypeVar

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination

MAX_LIMIT = 500
# Far beyond any office's data, far below the 64-bit integers a database can count to.
MAX_OFFSET = 1_000_000_000

# The default comes back unchanged when no value is given: None (DRF's default_limit unset) stays None.
_Default = TypeVar("_Default", bound=int | None)


def _bounded_int(request, name: str, default: _Default, minimum: int, maximum: int) -> int | _Default:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    message = _("Give a whole number from %(min)s to %(max)s.") % {"min": minimum, "max": maximum}
    if not raw.isascii() or not raw.isdigit():
        raise ValidationError({name: [message]})
    value = int(raw)
    if not minimum <= value <= maximum:
        raise ValidationError({name: [message]})
    return value


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    max_limit = MAX_LIMIT

    def get_limit(self, request):
        return _bounded_int(request, self.limit_query_param, self.default_limit, 1, self.max_limit)

    def get_offset(self, request):
        return _bounded_int(request, self.offset_query_param, 0, 0, MAX_OFFSET)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            self.limit_query_param: {"minimum": 1, "maximum": self.max_limit, "default": self.default_limit},
            self.offset_query_param: {"minimum": 0, "maximum": MAX_OFFSET, "default": 0},
        }
        for parameter in parameters:
            parameter["schema"].update(bounds[parameter["name"]])
        return parameters
