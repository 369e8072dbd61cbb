"""The filters of API lists, read from the query string through a serializer.

A filter value goes into a database query; an unknown choice or a NUL character (which
PostgreSQL refuses in text) must be a 400 naming the parameter, not a 500. Declaring the
filters as a serializer also puts them in the OpenAPI schema (`extend_schema(parameters=[...])`).
"""

# The largest id a database's 64-bit primary key holds; a larger number overflows the driver.
MAX_ID = 2**63 - 1


def validated_query(request, serializer_class) -> dict:
    """The filters given, checked (ValidationError, a 400 in the one error shape, for a bad one)."""
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return {name: value for name, value in serializer.validated_data.items() if value not in ("", None)}
