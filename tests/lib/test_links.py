import pytest

from pantau.lib.env import ConfigError
from pantau.lib.links import SERVE_HOST, SERVE_PORT, absolute_reverse, absolute_url, served_url, site_url
from tests.mail_links import bad_links

SITE = "https://pantau.example.go.id"


@pytest.mark.parametrize("site", [SITE, SITE + "/"])
def test_it_joins_a_path_to_the_site_once(site):
    assert absolute_url("/kasus/12/", site) == "https://pantau.example.go.id/kasus/12/"


def test_it_keeps_an_outside_web_link_as_it_is():
    link = "https://www.facebook.com/groups/123/permalink/456/?mibextid=abc"
    assert absolute_url(link, SITE) == link


@pytest.mark.parametrize("link", ["javascript:alert(1)", "facebook.com/p/1", "//evil.example/x", "", None])
def test_it_gives_no_link_for_what_cannot_be_opened(link):
    assert absolute_url(link, SITE) == ""


def test_it_reads_the_site_from_the_settings(settings):
    settings.SITE_URL = "http://10.0.0.5:8080/"
    assert absolute_reverse("reports:status", query={"kode": "BTM-7K2Q-9XHD"}) == (
        "http://10.0.0.5:8080/lapor/status/?kode=BTM-7K2Q-9XHD"
    )


def test_it_defaults_to_where_pantau_serve_listens():
    from pantau.core.management.commands.serve import Command

    parser = Command().create_parser("pantau", "serve")
    defaults = parser.parse_args([])
    assert (defaults.host, defaults.port) == (SERVE_HOST, SERVE_PORT)
    assert served_url() == "http://127.0.0.1:8000"


def test_it_follows_serve_to_another_port_without_a_site_url(settings, monkeypatch):
    from pantau.core.management.commands.serve import use_served_address

    monkeypatch.delenv("PANTAU_SITE_URL", raising=False)
    monkeypatch.delenv("PANTAU_SITE_URL_FILE", raising=False)
    use_served_address("192.168.1.20", 9000)
    assert settings.SITE_URL == "http://192.168.1.20:9000"
    assert absolute_url("/pos/") == "http://192.168.1.20:9000/pos/"


def test_it_keeps_the_configured_site_url_when_serve_moves(settings, monkeypatch):
    from pantau.core.management.commands.serve import use_served_address

    monkeypatch.setenv("PANTAU_SITE_URL", SITE)
    settings.SITE_URL = SITE
    use_served_address("0.0.0.0", 9000)
    assert settings.SITE_URL == SITE


def test_it_names_an_ipv6_address_in_brackets():
    assert served_url("::1", 8000) == "http://[::1]:8000"


@pytest.mark.parametrize("value", ["127.0.0.1:8000", "ftp://pantau.example.go.id", "https://", "http://x:port"])
def test_it_refuses_a_site_url_that_is_not_a_web_address(value):
    with pytest.raises(ConfigError, match="PANTAU_SITE_URL"):
        site_url(value)


def test_it_accepts_a_site_url_with_a_trailing_slash():
    assert site_url(SITE + "/") == SITE


@pytest.mark.parametrize(
    "text",
    [
        "Lihat http://127.0.0.1:8000https://www.facebook.com/groups/1/permalink/2/",
        "Lihat https://pantau.example.go.id//kasus/3/",
        "Lihat di\n/kasus/3/",
    ],
)
def test_the_mail_check_finds_links_that_would_not_open(text):
    assert bad_links(text)


def test_the_mail_check_accepts_absolute_links():
    text = "Status laporan: https://pantau.example.go.id/lapor/status/?kode=BTM-1 (UU 10/2016)."
    assert bad_links(text) == []
