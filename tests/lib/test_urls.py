import pytest

from pantau.lib.urls import commented_post, normalize_url, post_id_of

SAME_POST = [
    "https://www.facebook.com/groups/123/permalink/456/",
    "https://m.facebook.com/groups/123/permalink/456?mibextid=abc",
    "http://mbasic.facebook.com/groups/123/permalink/456/?ref=share&__tn__=R",
    "facebook.com/groups/123/permalink/456#comments",
    "https://www.facebook.com/groups/123/posts/456/?__cft__[0]=AZX&__tn__=%2CO%2CP-R",
    "https://www.facebook.com/groups/forumwargacontoh/posts/456/",
    "https://m.facebook.com/groups/123?view=permalink&id=456&sfnsn=wiwspwa",
    "https://www.facebook.com/groups/123/?multi_permalinks=456&ref=share",
    "https://m.facebook.com/story.php?story_fbid=456&id=123&mibextid=Nif5oz",
    "https://www.facebook.com/permalink.php?story_fbid=456&id=123",
]


@pytest.mark.parametrize("variant", SAME_POST)
def test_it_recognises_one_facebook_post_however_it_was_copied(variant):
    assert normalize_url(variant) == "https://facebook.com/story.php?story_fbid=456"


def test_it_names_the_post_id_a_link_points_at():
    assert post_id_of("https://m.facebook.com/groups/123/permalink/456/") == ("facebook", "456")
    assert post_id_of("https://twitter.com/a/status/1840000000000000010?s=20") == ("x", "1840000000000000010")
    assert post_id_of("https://www.facebook.com/groups/123/") == ("", "")


def test_it_keeps_a_facebook_page_post_with_a_pfbid():
    url = "https://www.facebook.com/kabarcontoh/posts/pfbid02AbC?__cft__[0]=x"
    assert normalize_url(url) == "https://facebook.com/story.php?story_fbid=pfbid02AbC"


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


PLAIN_LINKS = [
    "https://www.facebook.com/u6110/posts/35455",
    "http://m.facebook.com/groups/warga.contoh/posts/1234567890/",
    "https://web.facebook.com/groups/123/permalink/456",
    "https://facebook.com/groups/123",
    "https://www.facebook.com/story.php",
    "https://www.facebook.com/Halaman.Contoh/posts/pfbid0abcDEF123",
    "https://www.facebook.com/Halaman.Contoh/posts/pfbid0abcDÉF",
    "https://fb.watch/abcDEF/",
    "https://youtu.be/dQw4w9WgXcQ",
    "https://www.youtube.com/shorts/abc",
    "https://twitter.com/akun_contoh/status/1840000000000000010/photo/1",
    "https://X.COM/i/web/status/1",
    "https://www.tiktok.com/@akun/video/7420000000000000000/",
    "https://t.me/kanal_contoh/120",
    "https://telegram.me/kanal_contoh/120",
    "https://News.Example.ID/2024/10/berita-ini/",
    "https://example.id",
    "https://example.id/",
    "https://example.id/a%20b/c",
    "https://example.id/ünïcode/path",
    "http://instagr.am/p/ABC123/",
]


@pytest.mark.parametrize("link", PLAIN_LINKS)
def test_it_gives_plain_links_the_same_normal_form_by_the_fast_path_and_the_full_parse(link):
    from pantau.lib.urls import PLAIN_LINK, _parsed_normal

    assert PLAIN_LINK.fullmatch(link)
    assert normalize_url(link) == _parsed_normal(link)


def test_a_link_to_a_comment_is_not_the_link_of_the_post_it_answers():
    post = "https://www.facebook.com/groups/123/posts/456/"
    comment = "https://m.facebook.com/groups/123/posts/456/?comment_id=789&__cft__[0]=x"
    reply = "https://www.facebook.com/groups/123/posts/456/?comment_id=789&reply_comment_id=790"
    assert normalize_url(comment) == "https://facebook.com/story.php?story_fbid=456&comment_id=789"
    assert len({normalize_url(post), normalize_url(comment), normalize_url(reply)}) == 3
    assert normalize_url("https://www.youtube.com/watch?v=abc&lc=Ugx1&si=t") != normalize_url("https://youtu.be/abc")


def test_a_comment_link_gives_back_the_post_it_answers():
    comment = normalize_url("https://www.facebook.com/groups/123/posts/456/?comment_id=789&reply_comment_id=790")
    assert commented_post(comment) == "https://facebook.com/story.php?story_fbid=456"
    assert commented_post(normalize_url("https://youtube.com/watch?v=abc&lc=Ugx1")) == "https://youtube.com/watch?v=abc"
    assert commented_post(normalize_url("https://www.facebook.com/groups/123/posts/456/")) == ""


def test_the_post_id_of_a_comment_link_is_the_comments():
    post = "https://www.facebook.com/groups/123/posts/456/"
    assert post_id_of(post + "?comment_id=789") == ("facebook", "789")
    assert post_id_of(post + "?comment_id=789&reply_comment_id=790") == ("facebook", "790")
