"""WhatsApp "Export chat" as Android and iPhone write it, in the locales an Indonesian office meets.

Android: `13/10/24 21.15 - Name: text` (id), `10/14/24, 9:05 PM - ` (en-US),
`14/10/2024, 21:05 - ` (en-GB), `14/10/24, 9:05 pm - ` (en-IN),
`14/10/2024, 9:05 PTG - ` (ms), `2018/07/25, 09:01 - ` (year first).
iPhone: `[13/10/24 21.15.30] Name: text`, `[10/14/24, 9:05:12 PM] ` with
U+200E/U+202F marks, `[21:05:12, 14/10/2024] ` (vi, time first), Arabic-Indic
digits (ar) and Buddhist years (th). A line without a header continues the
message before it. The chat's identity is its content, not the file's name.
"""

import hashlib
import re
from datetime import date, datetime
from pathlib import Path

from pantau.lib.env import env_choice

from .base import FileRejected, Record, RowProblem, Skipped, links_of, time_of
from .registry import Format, register

MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\ufeff"))
SPACES = {ord(c): " " for c in "\u202f\u00a0\u2009\u2007"}
DIGITS = {0x0660 + i: str(i) for i in range(10)} | {0x06F0 + i: str(i) for i in range(10)} | {0x060C: ","}
NORMAL = MARKS | SPACES | DIGITS
# iPhone writes a number not in the contacts as "+62 812‑3456‑7890" with non-breaking hyphens.
HYPHENS = {ord(c): "-" for c in "\u2010\u2011\u2012\u2013"}

_DATE = r"(?P<d1>\d{1,4})[/.\-](?P<d2>\d{1,2})[/.\-](?P<d3>\d{2,4})\.?"
# am/pm as phones print them: AM, a.m., pm (en), PG/PTG (ms), SA/CH (vi), ص/م (ar).
_TIME = (
    r"(?P<h>\d{1,2})[.:](?P<mi>\d{2})(?:[.:](?P<s>\d{2}))?"
    r"(?:\s?(?P<ap>[ap]\.?\s?m\.?|ptg|pg|sa|ch|ص|م)(?![\w]))?"
)
# Some locales put a word between date and time: "[12.3.2022 klo 14.08.18]" (fi), "um" (de), "à" (fr).
_AT = r",?\s+(?:(?:klo|um|à|às|a las|alle|o)\s+)?"
HEADERS = [
    re.compile(rf"^{_DATE}{_AT}{_TIME}\s*[-–]\s+(?P<body>.*)$", re.I | re.S),  # Android
    re.compile(rf"^\[{_DATE}{_AT}{_TIME}\]\s*(?P<body>.*)$", re.I | re.S),  # iPhone
    re.compile(rf"^\[{_TIME},?\s+{_DATE}\]\s*(?P<body>.*)$", re.I | re.S),  # iPhone, time first
    re.compile(rf"^{_TIME},?\s+{_DATE}\s*[-–]\s+(?P<body>.*)$", re.I | re.S),  # Android, time first
]
PM_WORDS = {"pm", "p.m.", "p.m", "p. m.", "ptg", "ch", "م"}
AUTHOR = re.compile(r"^(?P<author>[^:\n]{1,120}?):(?: |$)(?P<text>.*)$", re.S)

# System notices, Indonesian and English, on both platforms. Android writes them without "Name:";
# iPhone writes some with the chat's or a person's name before them.
# The encryption notice has changed wording over the years: "Messages to this group are now secured with
# end-to-end encryption", "Pesan yang dikirim ke grup ini kini diamankan dengan enkripsi end-to-end"...
# (ms: "Mesej dan panggilan disulitkan hujung ke hujung").
ENCRYPTION = re.compile(r"^(?:messages|pesan|mesej)\b[^\n]{0,120}?(?:end-to-end|hujung ke hujung)", re.I)
NOTICE_TEXT = re.compile(
    rf"^(?:{ENCRYPTION.pattern[1:]}"
    r"|this message was deleted|you deleted this message|pesan ini (?:telah )?dihapus"
    r"|anda (?:telah )?menghapus pesan ini|mesej ini telah dipadam|anda telah memadamkan mesej ini"
    r"|waiting for this message|menunggu pesan ini"
    r"|missed (?:group )?(?:voice|video) call|panggilan (?:suara|video)(?: grup)? (?:tak terjawab|terlepas))",
    re.I,
)
# What iPhone writes after a name and U+200E: "Budi: \u200eBudi menambahkan Siti" and the like.
NOTICE_VERBS = re.compile(
    r"\b(created group|membuat grup|changed the subject|mengubah subjek|changed this group's|mengubah ikon grup"
    r"|changed the group description|mengubah deskripsi grup|security code|kode keamanan|added|menambahkan"
    r"|removed|mengeluarkan|left|keluar|joined using|bergabung (?:menggunakan|dengan) tautan"
    r"|disappearing messages|pesan sementara|changed (?:their|to) (?:phone )?number|mengganti nomor"
    r"|now an admin|sekarang (?:menjadi )?admin|deleted this group's icon|menghapus ikon grup"
    r"|menambah|mencipta kumpulan|menukar subjek)\b",
    re.I,
)
# iPhone's call lines after a name and U+200E: "\u200eVoice call, \u200e2 min", "\u200ePanggilan suara".
CALL = re.compile(r"^(?:(?:missed )?(?:group )?(?:voice|video) call|panggilan (?:suara|video))\b", re.I)
# "Budi changed the subject to "Info: rapat"": the colon of the subject is not the author's.
NOTICE_AUTHOR = re.compile(r" (changed|mengubah|created|membuat) ", re.I)
GROUP_NAME_NOTICE = re.compile(
    r"(?:created group|membuat grup|changed the subject(?: from .+?)? to|changed the group name(?: from .+?)? to"
    r"|mengubah subjek(?: grup)?(?: dari .+?)? (?:menjadi|ke)|mengubah nama grup(?: dari .+?)? (?:menjadi|ke)"
    r"|mencipta kumpulan|menukar subjek(?: daripada .+?)? kepada)"
    r"\s*[\"“](?P<name>[^\"”]{1,200})[\"”]",
    re.I,
)
MEDIA_WORDS = (
    r"media|multimedia|mídia|médias|medien|phương tiện|الوسائط|omitted|disertakan|dihilangkan|bỏ qua"
    r"|ausgeschlossen|omis|omitido|oculta|weggelaten|dikecualikan|disingkirkan|view once|sekali lihat"
)
MEDIA_OMITTED = re.compile(
    rf"^(<[^<>\n]{{0,40}}(?:{MEDIA_WORDS})[^<>\n]{{0,40}}>"
    r"|(?:image|video|video note|audio|voice message|sticker|gif|document|contact card"
    r"|gambar|foto|pesan suara|stiker|dokumen|kartu kontak|imej|pelekat|kad kenalan)"
    r" (?:omitted|dihilangkan|tidak disertakan|tidak dimasukkan|dikecualikan)"
    r"|.{1,200} (?:document omitted|dokumen (?:dihilangkan|tidak disertakan|tidak dimasukkan))"
    # Android's live location, shared without coordinates.
    r"|live location shared|lokasi terkini (?:dibagikan|dikongsi)|null)$",
    re.I,
)
EDITED = re.compile(r"\s*<(?:this message was edited|pesan ini (?:telah )?diedit)>\s*$", re.I)
ATTACHED_IOS = re.compile(r"<(?:attached|terlampir|lampiran|dilampirkan): ([^<>\n]{1,200})>", re.I)
ATTACHED_ANDROID = re.compile(
    # Android drops the extension of uploaded audio: "AUD-20241014-WA0001. (file attached)".
    r"^(?P<name>[^\n]{1,200}?\.(?:\w{2,5})?) \((?:file attached|file terlampir|berkas terlampir)\)",
    re.I,
)
FILE_NAME_PREFIXES = (
    "WhatsApp Chat with ",
    "WhatsApp Chat - ",
    "Chat WhatsApp dengan ",
    "Chat WhatsApp - ",
    "Chat de WhatsApp con ",
)
IDENTITY_MESSAGES = 5


def header(line: str):
    normal = line.translate(NORMAL).rstrip("\r\n")
    for pattern in HEADERS:
        match = pattern.match(normal)
        if match:
            return match
    return None


def looks_like_whatsapp(text: str) -> bool:
    """Message headers anywhere in the head: a chat may open with a long announcement."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return False
    count = sum(1 for line in lines[:2000] if header(line))
    return bool(header(lines[0])) or count >= 3


@register
class WhatsApp(Format):
    # Asked before any other: a chat is text whatever its first line looks like.
    name, shape, order = "whatsapp", "text", 10

    def detect(self, head):
        return looks_like_whatsapp(head.text)

    def read(self, source):
        yield from read_whatsapp(source)


def _office_order() -> str:
    return env_choice("PANTAU_CHAT_DATE_ORDER", ("dmy", "mdy"), "dmy")


def _year(text: str) -> int:
    year = int(text) + (2000 if len(text) <= 2 else 0)
    return year - 543 if year > 2400 else year  # Buddhist era (Thai phones)


def _day(groups, order):
    d1, d2, d3 = groups["d1"], groups["d2"], groups["d3"]
    if len(d1) == 4:
        return date(_year(d1), int(d2), int(d3))
    a, b = int(d1), int(d2)
    day, month = (b, a) if order == "mdy" else (a, b)
    return date(_year(d3), month, day)


def date_order(matches, source) -> str:
    """Day/month order from the whole file: a number over 12, else which reading keeps the dates close."""
    pairs = [(int(m["d1"]), int(m["d2"])) for m in matches if len(m["d1"]) <= 2]
    if not pairs:
        return "dmy"
    day_first = any(a > 12 for a, _ in pairs)
    month_first = any(b > 12 for _, b in pairs)
    if day_first != month_first:
        return "dmy" if day_first else "mdy"
    scores = {}
    for order in ("dmy", "mdy"):
        days = []
        for m in matches:
            try:
                days.append(_day(m, order).toordinal())
            except ValueError:
                days.append(None)
        known = [d for d in days if d is not None]
        scores[order] = sum(abs(b - a) for a, b in zip(known, known[1:], strict=False)) + 10_000 * (
            len(days) - len(known)
        )
    if scores["dmy"] != scores["mdy"]:
        order = min(scores, key=scores.__getitem__)
        reading = "day/month" if order == "dmy" else "month/day"
        source.note(f"day and month read as {reading} from the order of the dates")
        return order
    order = _office_order()
    source.note(
        f"day and month cannot be told apart in this chat; read as {'day/month' if order == 'dmy' else 'month/day'}, "
        "the office's order (PANTAU_CHAT_DATE_ORDER)"
    )
    return order


def _when(m, order):
    hour = int(m["h"])
    half = (m["ap"] or "").lower()
    if half:
        hour = hour % 12 + (12 if half in PM_WORDS else 0)
    day = _day(m, order)
    return datetime(day.year, day.month, day.day, hour, int(m["mi"]), int(m["s"] or 0))


def _name_from_file(name: str) -> str:
    stem = Path(name).stem
    for prefix in FILE_NAME_PREFIXES:
        if stem.startswith(prefix):
            return re.sub(r"\s*\(\d+\)$", "", stem[len(prefix) :]).strip()
    return ""


def _parse(source):
    """([line, match, body lines, marked] a message, lines of text before the first message)."""
    messages: list[list] = []
    before = 0
    for number, line in enumerate(source.strict_lines(), start=1):
        match = header(line)
        if match:
            marked = bool(re.search(r":[ \u00a0\u202f]?\u200e", line))
            messages.append([number, match, [match["body"].rstrip("\r\n")], marked])
        elif messages:
            messages[-1][2].append(line.translate(MARKS).rstrip("\r\n"))
        elif line.translate(NORMAL).strip():
            before += 1  # a chat cut at its start (copied by hand): its first message has no header
    return messages, before


def _notice_after_name(text: str) -> bool:
    """iPhone's "Grup: \u200eBudi menambahkan Siti": one marked line with a notice's verb.

    Attachments, polls and media are marked too, and their names or questions may hold the same words.
    """
    if "\n" in text or ATTACHED_IOS.search(text) or MEDIA_OMITTED.match(text):
        return False
    return bool(NOTICE_VERBS.search(text) or CALL.match(text))


def _split_media(text):
    attachments = ATTACHED_IOS.findall(text)
    text = ATTACHED_IOS.sub("", text).strip()
    android = ATTACHED_ANDROID.match(text)
    if android:
        attachments.append(android["name"].strip())
        text = text[android.end() :].strip()
        if text == Path(android["name"]).stem:
            text = ""  # Android repeats a document's name on the next line as if it were a caption
    media = bool(attachments) or bool(MEDIA_OMITTED.match(text))
    if MEDIA_OMITTED.match(text):
        text = ""
    return text, attachments, media


def read_whatsapp(source):
    if source.size > source.max_document:
        raise FileRejected(f"chat exports over {source.max_document} bytes are refused")
    messages, before = _parse(source)
    if not messages:
        raise FileRejected("no WhatsApp messages found (expected lines like '01/10/24 10.15 - Name: text')")
    if before:
        yield RowProblem(1, f"{before} line(s) of text before the first message header: no sender or time to read")
    order = date_order([m[1] for m in messages], source)
    # Problems, skipped notices and messages (line, time, author, text, attachments, media, edited, marked).
    posts: list[RowProblem | Skipped | tuple] = []
    names = {"notice": "", "ios": ""}
    for number, match, lines, marked in messages:
        body = "\n".join(lines).strip()
        try:
            when = _when(match, order)
        except ValueError:
            posts.append(RowProblem(number, "impossible date or time"))
            continue
        author = AUTHOR.match(body)
        text = author["text"].strip() if author else body
        named = GROUP_NAME_NOTICE.search(body)
        if named:
            names["notice"] = named["name"].strip()
        notice = (
            not author
            or NOTICE_AUTHOR.search(author["author"])
            or NOTICE_TEXT.match(text)
            or (marked and _notice_after_name(text))
        )
        if notice or author is None:
            if author and ENCRYPTION.match(text) and not names["ios"]:
                names["ios"] = author["author"].strip()  # iPhone names the chat before its first notice
            posts.append(Skipped(number, "system notice"))
            continue
        text = EDITED.sub("", text)
        edited = text != author["text"].strip()
        text, attachments, media = _split_media(text)
        name = author["author"].translate(HYPHENS).strip(" ~")
        posts.append((number, when, name, text, attachments, media, edited, marked))
    real = [p for p in posts if isinstance(p, tuple)]
    basis = "\x1f".join(f"{p[2]}\x1e{p[1].isoformat()}\x1e{p[3]}" for p in real[:IDENTITY_MESSAGES])
    group_id = "wa-" + hashlib.sha256(basis.encode()).hexdigest()[:24]
    chat = source.group_name or names["notice"] or names["ios"] or _name_from_file(source.name)
    if not chat:
        first = real[0][1].date().isoformat() if real else ""
        chat = f"WhatsApp {first}".strip()
        source.note("the export does not name the chat; give its name with --group or in the import form")
    skipped = sum(1 for p in posts if isinstance(p, Skipped))
    if skipped:
        source.note(f"{skipped} system notice(s) skipped")
    seen: dict[tuple, int] = {}
    for post in posts:
        if not isinstance(post, tuple):
            yield post
            continue
        number, when, author, text, attachments, media, edited, _marked = post
        when = time_of(when.isoformat())
        phone = re.fullmatch(r"\+?[\d\s().-]{7,}", author)
        key = (author, when, text)
        seen[key] = seen.get(key, 0) + 1
        raw = {"line": number, "media_omitted": media and not attachments, "chat": chat}
        if attachments:
            raw["attachments"] = attachments
        if edited:
            raw["edited"] = True
        yield Record(
            platform="whatsapp",
            text=text,
            author_id=re.sub(r"[^\d+]", "", author) if phone else author[:255],
            author_name=author[:255],
            author_kind="phone" if phone else "person",
            group_id=group_id,
            group_name=chat[:255],
            posted_at=when,
            links=links_of([], text),
            raw=raw,
            line=number,
            occurrence=seen[key],
            attachments=attachments,
        )
