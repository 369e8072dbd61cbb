import pytest

from pantau.lib.env import ConfigError, env_bool, env_int, env_str


@pytest.mark.parametrize("raw,expected", [("1", True), ("yes", True), ("ON", True), ("0", False), ("off", False)])
def test_it_reads_yes_no_words(monkeypatch, raw, expected):
    monkeypatch.setenv("PANTAU_X", raw)
    assert env_bool("PANTAU_X") is expected


def test_it_fails_loudly_on_a_value_that_is_not_yes_or_no(monkeypatch):
    monkeypatch.setenv("PANTAU_X", "sometimes")
    with pytest.raises(ConfigError, match="PANTAU_X"):
        env_bool("PANTAU_X")


def test_it_fails_loudly_on_a_number_below_its_minimum(monkeypatch):
    monkeypatch.setenv("PANTAU_N", "0")
    with pytest.raises(ConfigError, match="below its minimum 1"):
        env_int("PANTAU_N", 5, minimum=1)


def test_it_reads_a_secret_from_a_file(monkeypatch, tmp_path):
    (tmp_path / "secret").write_text("s3cret\n")
    monkeypatch.setenv("PANTAU_S_FILE", str(tmp_path / "secret"))
    assert env_str("PANTAU_S") == "s3cret"
