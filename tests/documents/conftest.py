from tests.pokja.conftest import action, flagged_account, meeting  # noqa: F401
