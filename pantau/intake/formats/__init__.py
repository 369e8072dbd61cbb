"""Reading the exports monitors have, into one record shape. Django-free.

One module per source; `base.py` holds the record, the bounded reader and
the helpers they share, `detect.py` tells the format from the content. The
field mapping of each format is documented in docs/formats.md.
"""

from .base import FileRejected, Record, RowError, RowProblem, Skipped, Source
from .detect import detect_format
from .fourcat import read_fourcat_csv, read_fourcat_telegram
from .generic import read_csv, read_jsonl
from .meta import read_crowdtangle, read_meta_content_library
from .meta_exports import read_facebook_dyi, read_instagram_export
from .scrapers import read_scraper_csv, read_scraper_json
from .telegram import read_telegram, read_telegram_html
from .tiktok_export import read_tiktok_export
from .whatsapp import read_whatsapp
from .x_api import read_x_api
from .x_archive import read_x_archive
from .youtube import read_youtube
from .zeeschuimer import read_zeeschuimer

READERS = {
    "csv": read_csv,
    "jsonl": read_jsonl,
    "meta-content-library": read_meta_content_library,
    "crowdtangle": read_crowdtangle,
    "zeeschuimer": read_zeeschuimer,
    "4cat-csv": read_fourcat_csv,
    "4cat-telegram": read_fourcat_telegram,
    "x-api-v2": read_x_api,
    "x-archive": read_x_archive,
    "telegram": read_telegram,
    "telegram-html": read_telegram_html,
    "whatsapp": read_whatsapp,
    "facebook-dyi": read_facebook_dyi,
    "instagram-export": read_instagram_export,
    "tiktok-export": read_tiktok_export,
    "youtube": read_youtube,
    "scraper-json": read_scraper_json,
    "scraper-csv": read_scraper_csv,
}
FORMATS = tuple(READERS)


def read_records(source: Source, fmt: str | None = None):
    """(format, iterator of Record | RowProblem | Skipped)."""
    fmt = fmt or detect_format(source)
    if fmt not in READERS:
        raise FileRejected(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    return fmt, READERS[fmt](source)


__all__ = [
    "FORMATS",
    "READERS",
    "FileRejected",
    "Record",
    "RowError",
    "RowProblem",
    "Skipped",
    "Source",
    "detect_format",
    "read_records",
]
