"""Loaded with `-p tests.pantau_env` before Django starts: tests never touch a real PANTAU_HOME."""

import os
import tempfile

os.environ.setdefault("PANTAU_HOME", tempfile.mkdtemp(prefix="pantau-test-"))
# Playwright's sync API runs an event loop in the test thread; Django's ORM is safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
