"""Normalise social-media links so that one post is recognised however it was copied.

`https://m.facebook.com/groups/123/permalink/456/?mibextid=abc&ref=share` and
`https://www.facebook.com/groups/123/permalink/456` are the same post: the
normal form drops the scheme difference, mobile/www host variants, tracking
parameters, fragments and trailing slashes, and lower-cases the host.
"""

import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

HOST_ALIASES = {
    "m.facebook.com": "facebook.com",
    "mbasic.facebook.com": "facebook.com",
    "web.facebook.com": "facebook.com",
    "touch.facebook.com": "facebook.com",
    "free.facebook.com": "facebook.com",
    "fb.com": "facebook.com",
    "mobile.twitter.com": "x.com",
    "twitter.com": "x.com",
    "mobile.x.com": "x.com",
    "m.youtube.com": "youtube.com",
    "youtu.be": "youtube.com",
    "vm.tiktok.com": "tiktok.com",
    "vt.tiktok.com": "tiktok.com",
    "m.tiktok.com": "tiktok.com",
    "telegram.me": "t.me",
    "instagr.am": "instagram.com",
}
# A link to one comment under a post or video: the same post's link with the comment's id. The normal form
# keeps it, so a comment imported as a post of its own is not taken for the post it answers (and a link
# to the post for one of its comments); `commented_post` gives the post's normal form back.
COMMENT_PARAMS = {"facebook.com": ("comment_id", "reply_comment_id"), "youtube.com": ("lc",)}
# Query parameters that identify the content itself (with the comment a link names); everything else is tracking.
KEPT_PARAMS = {
    "facebook.com": {"story_fbid", "id", "v", "fbid", "set", *COMMENT_PARAMS["facebook.com"]},
    "youtube.com": {"v", "list", *COMMENT_PARAMS["youtube.com"]},
    # Posts on these are identified by the path alone; their query strings are share tracking.
    "x.com": set(),
    "instagram.com": set(),
    "tiktok.com": set(),
}
# "mailto:", "javascript:" and the like; "host:8080/path" is a port, not a scheme.
OTHER_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:(?!\d)")
TRACKING_PREFIXES = ("utm_", "__cft__", "__tn__")
TRACKING_NAMES = {"fbclid", "gclid", "igsh", "igshid", "mibextid", "ref", "ref_src", "si", "s", "share_id", "rdid"}


def _host(netloc: str) -> str:
    host = netloc.lower().rsplit("@", 1)[-1].split(":", 1)[0]
    if host.startswith("www."):
        host = host[4:]
    return HOST_ALIASES.get(host, host)


# Facebook share links: /share/p/<code>/ and /share/v/<code>/ stand for a post or video whose id
# only Facebook knows; they are kept as their own normal form (without tracking) so the same share
# link is recognised, and fb.watch/<code> becomes facebook.com/watch/<code>.
SHORT_HOSTS = {"fb.watch": ("facebook.com", "/watch")}
# One Facebook post has many links: /groups/G/permalink/ID, /groups/G/posts/ID, the mobile
# /groups/G?view=permalink&id=ID, /groups/G/?multi_permalinks=ID, /PAGE/posts/ID, permalink.php and
# story.php?story_fbid=ID&id=OWNER. A post id (numeric or "pfbid...") is unique across Facebook, and
# a group may be named by its number or its slug, so all fold to story.php?story_fbid=ID.
FB_POST_PATH = re.compile(r"^/(?:groups/[^/]+/(?:permalink|posts)|[^/]+/posts)/(\d+|pfbid\w+)$")
FB_POST_PARAMS = {"story.php": "story_fbid", "permalink.php": "story_fbid"}
FB_STORY = "/story.php"


def _facebook_post(path: str, query: list[tuple[str, str]]) -> str:
    """The post id a Facebook link names, or ''."""
    params = dict(query)
    match = FB_POST_PATH.match(path)
    if match:
        return match.group(1)
    if path in ("/story.php", "/permalink.php"):
        return params.get("story_fbid", "")
    if path.startswith("/groups/") and path.count("/") == 2:
        if params.get("view") == "permalink" and params.get("id"):
            return params["id"]
        return params.get("multi_permalinks", "").split(",")[0]
    return ""


def post_id_of(url: str) -> tuple[str, str]:
    """(platform, post id) named by a link to one post, or ("", "") (to find a post imported with its id)."""
    normal = normalize_url(url)
    if not normal:
        return "", ""
    parts = urlsplit(normal)
    if parts.netloc == "facebook.com" and parts.path == FB_STORY:
        # A comment's link names the comment (its id, as the comment scrapers key it), not the post.
        params = dict(parse_qsl(parts.query))
        return "facebook", params.get("reply_comment_id") or params.get("comment_id") or params.get("story_fbid", "")
    patterns = {
        "x.com": (r"^/i/status/(\d+)$", "x"),
        "tiktok.com": (r"^/@[^/]+/video/(\d+)$", "tiktok"),
        "t.me": (r"^/([^/]+/\d+)$", "telegram"),
    }
    if parts.netloc in patterns:
        pattern, platform = patterns[parts.netloc]
        match = re.match(pattern, parts.path)
        if match:
            return platform, match.group(1)
    return "", ""


# A link with no query, fragment, port, user or space: most of what exports hold. Its normal form needs
# only the host's and the path's rules, not a parse of a query string (`_plain_normal`).
PLAIN_LINK = re.compile(r"https?://([A-Za-z0-9.-]+)(/[^?#\s]*)?")
ASCII_POST_ID = re.compile(r"[0-9A-Za-z_]+")


@lru_cache(maxsize=65536)  # an import asks for the same link's form several times (key, fingerprint, row)
def normalize_url(url: str) -> str:
    """The normal form of a link, or '' for something that is not a web link."""
    url = (url or "").strip()
    if not url:
        return ""
    plain = PLAIN_LINK.fullmatch(url)
    if plain:
        normal = _plain_normal(plain.group(1), plain.group(2) or "")
        if normal:
            return normal
    return _parsed_normal(url)


def _parsed_normal(url: str) -> str:
    """`normalize_url` by the full parse of the link."""
    if "://" not in url:
        if OTHER_SCHEME.match(url):
            return ""
        url = "https://" + url
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    host = _host(parts.netloc)
    path = parts.path.rstrip("/") or ""
    if host in SHORT_HOSTS:
        host, prefix = SHORT_HOSTS[host]
        path = prefix + path
    if host == "x.com":
        # A tweet is its id: x.com/anyone/status/1 and x.com/i/web/status/1 are the same post.
        path = re.sub(r"^/(?:[^/]+|i/web)/status/(\d+)(?:/(?:photo|video)/\d+)?$", r"/i/status/\1", path)
    query = parse_qsl(parts.query, keep_blank_values=False)
    if host == "facebook.com":
        post_id = _facebook_post(path, query)
        if post_id:
            comment = [(k, v) for k, v in query if k in COMMENT_PARAMS[host] and v]
            return urlunsplit(("https", host, FB_STORY, urlencode([("story_fbid", post_id), *sorted(comment)]), ""))
    if parts.netloc.lower().endswith("youtu.be") and path:
        query, path = [("v", path.lstrip("/"))], "/watch"
    kept = KEPT_PARAMS.get(host)
    if kept is not None:
        query = [(k, v) for k, v in query if k in kept]
    else:
        query = [
            (k, v) for k, v in query if not (k.lower().startswith(TRACKING_PREFIXES) or k.lower() in TRACKING_NAMES)
        ]
    return urlunsplit(("https", host, path, urlencode(sorted(query)), ""))


def _plain_normal(netloc: str, path: str) -> str:
    """`normalize_url` of a plain link (PLAIN_LINK), or '' where only the full parse knows it."""
    host = _host(netloc)
    if host in SHORT_HOSTS or netloc.lower().endswith("youtu.be"):
        return ""
    path = path.rstrip("/")
    if host == "x.com":
        path = re.sub(r"^/(?:[^/]+|i/web)/status/(\d+)(?:/(?:photo|video)/\d+)?$", r"/i/status/\1", path)
    elif host == "facebook.com":  # without a query, only the path can name a post
        match = FB_POST_PATH.match(path)
        if match:
            if not ASCII_POST_ID.fullmatch(match.group(1)):
                return ""
            return f"https://facebook.com{FB_STORY}?story_fbid={match.group(1)}"
    return f"https://{host}{path}"


def commented_post(normal: str) -> str:
    """The normal form of the post a comment link (a normal form) answers, or '' when it names no comment."""
    parts = urlsplit(normal)
    params = COMMENT_PARAMS.get(parts.netloc)
    if not params:
        return ""
    query = parse_qsl(parts.query)
    if not any(k in params for k, _ in query):
        return ""
    return urlunsplit(parts._replace(query=urlencode([(k, v) for k, v in query if k not in params])))


def safe_href(url: object) -> str:
    """The link itself when it is safe to put in an href, else ''.

    Links come from imports, the public and the API: only web links (http, https) and paths on
    this site are links. `javascript:`, `data:`, `vbscript:` and every other scheme would run or
    open something in the reader's browser, so they are shown as text, never as a link. Browsers
    drop tabs and line breaks inside a URL ("java\\tscript:"), so any control character refuses it.
    """
    text = str(url or "").strip()
    if not text or any(ord(char) < 32 or ord(char) == 127 for char in text):
        return ""
    if text.startswith("/"):
        # A path on this site; "//host" and "/\host" are read by browsers as another host.
        return text if text[1:2] not in ("/", "\\") else ""
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return text
    return ""
