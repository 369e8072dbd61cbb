"""Django-free helpers: configuration, text, hashing. Tested without a database."""
