import pytest

from pantau.lib.urls import normalize_url

SAME_POST = [
    "https://www.facebook.com/groups/123/permalink/456/",
    "https://m.facebook.com/groups/123/permalink/456?mibextid=abc",
    "http://mbasic.facebook.com/groups/123/permalink/456/?ref=share&__tn__=R",
    "facebook.com/groups/123/permalink/456#comments",
]


@pytest.mark.parametrize("variant", SAME_POST)
def test_it_recognises_one_facebook_post_however_it_was_copied(variant):
    assert normalize_url(variant) == "https://facebook.com/groups/123/permalink/456"


def test_it_keeps_the_parameters_that_identify_a_facebook_story():
    url = "https://m.facebook.com/story.php?story_fbid=99&id=12&mibextid=x"
    assert normalize_url(url) == "https://facebook.com/story.php?id=12&story_fbid=99"


def test_it_folds_youtube_short_links_into_watch_links():
    assert normalize_url("https://youtu.be/abc123?si=track") == "https://youtube.com/watch?v=abc123"


def test_it_drops_tracking_parameters_from_news_links():
    assert normalize_url("https://news.example.id/a?utm_source=wa&id=5") == "https://news.example.id/a?id=5"


@pytest.mark.parametrize("not_a_link", ["", "   ", "javascript:alert(1)", "mailto:a@b.c"])
def test_it_answers_empty_for_what_is_not_a_web_link(not_a_link):
    assert normalize_url(not_a_link) == ""


def test_it_expands_fb_watch_links():
    assert normalize_url("https://fb.watch/abcDEF/?mibextid=x") == "https://facebook.com/watch/abcDEF"


def test_it_keeps_a_facebook_share_link_without_its_tracking():
    assert (
        normalize_url("https://www.facebook.com/share/p/1AbC/?mibextid=wwXIfr") == "https://facebook.com/share/p/1AbC"
    )


@pytest.mark.parametrize(
    "variant",
    [
        "https://twitter.com/akun_contoh/status/1840000000000000010?s=20&t=abc",
        "https://mobile.twitter.com/akun_contoh/status/1840000000000000010",
        "https://x.com/i/web/status/1840000000000000010",
        "https://x.com/akun_contoh/status/1840000000000000010/photo/1",
    ],
)
def test_it_recognises_one_tweet_however_it_was_copied(variant):
    assert normalize_url(variant) == "https://x.com/i/status/1840000000000000010"
