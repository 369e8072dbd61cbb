"""Where an evidence item came from, and what of it may be shown.

A citizen's file (a public report's attachment) carries personal data in its
original file name (`KTP_<name>_<NIK>.jpg`) and, on items stored before
Pantau kept it apart, the reporter's address in `captured_from`. Those are
shown only on the reporter's identity page (reports/views.py staff_identity);
everywhere else an item is named by its hash.
"""

# The start of `captured_from` for every file a public report brought in (reports/services.py).
PUBLIC_REPORT = "public report"


def public_report_origin(report_code: str) -> str:
    return f"{PUBLIC_REPORT} {report_code}"


def from_public_report(item) -> bool:
    return item.captured_from.startswith(PUBLIC_REPORT)


def shown_name(item) -> str:
    """The name to show for an item outside the identity page."""
    if item.original_name and not from_public_report(item):
        return item.original_name
    return item.sha256[:16]


def shown_origin(item) -> str:
    return PUBLIC_REPORT if from_public_report(item) else item.captured_from
