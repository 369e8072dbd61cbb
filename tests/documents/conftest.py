from tests.pokja.conftest import action, fast_password_hashing, flagged_account, meeting  # noqa: F401
