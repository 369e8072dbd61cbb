"""The REST API's wiring: authentication, permissions, error shape, OpenAPI schema."""
