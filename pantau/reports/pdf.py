"""The PDF receipt (tanda terima) a reporter can save or print, made with fpdf2.

It holds what was reported and how the office sorted it, never who reported
it: a receipt is shown, printed and forwarded.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from fpdf import FPDF

from pantau.documents.letter import latin1
from pantau.lib import clock

from .notify import reported_facts
from .statuses import reporter_view


def receipt_pdf(report, status_url: str) -> bytes:
    pdf = FPDF(unit="mm", format=(148, 210))
    pdf.set_title(latin1(f"{_('Receipt')} {report.code}"))
    pdf.add_page()

    def line(text, height=6):
        pdf.multi_cell(0, height, latin1(text), new_x="LMARGIN", new_y="NEXT")

    def heading(text):
        pdf.ln(3)
        pdf.set_font("Helvetica", "B", 11)
        line(text, 7)
        pdf.set_font("Helvetica", "", 10)

    pdf.set_font("Helvetica", "B", 14)
    line(settings.PANTAU_OFFICE_NAME, 8)
    pdf.set_font("Helvetica", "", 10)
    line(settings.PANTAU_OFFICE_ADDRESS)
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 12)
    line(_("Receipt of a public report"), 8)
    pdf.set_font("Helvetica", "", 10)
    line(_("Receipt code"))
    pdf.set_font("Courier", "B", 22)
    line(report.code, 12)
    pdf.set_font("Helvetica", "", 10)
    line(f"{_('Received at')}: {clock.format_with_zone(report.created_at)}")
    line(f"{_('Kind')}: {report.kind_label}")
    view = reporter_view(report)
    line(view.sentence)
    for reason in view.reasons:
        line(f"- {reason}")
    if view.advice:
        line(view.advice)
    heading(_("What you reported"))
    for label, value in reported_facts(report):
        pdf.set_font("Helvetica", "B", 10)
        line(label)
        pdf.set_font("Helvetica", "", 10)
        line(value)
    pdf.ln(4)
    line(_("Keep this code secret: with it anyone can see the status of your report at %(url)s") % {"url": status_url})
    return bytes(pdf.output())
