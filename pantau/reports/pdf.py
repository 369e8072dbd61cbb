"""The PDF receipt (tanda terima) a reporter can save or print, made with fpdf2."""

from django.conf import settings
from django.utils.translation import gettext as _
from fpdf import FPDF

from pantau.lib import clock


def _latin1(text: str) -> str:
    return str(text).encode("latin-1", "replace").decode("latin-1")


def receipt_pdf(report, status_url: str) -> bytes:
    pdf = FPDF(unit="mm", format=(148, 210))
    pdf.set_title(_latin1(f"{_('Receipt')} {report.code}"))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 8, _latin1(settings.PANTAU_OFFICE_NAME), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 6, _latin1(settings.PANTAU_OFFICE_ADDRESS), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 12)
    pdf.multi_cell(0, 8, _latin1(_("Receipt of a public report")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 6, _latin1(_("Receipt code")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Courier", "B", 22)
    pdf.multi_cell(0, 12, report.code, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    rows = [
        (_("Received at"), clock.format_with_zone(report.created_at)),
        (_("Kind"), str(report.kind_label)),
        (_("Evidence files"), str(report.attachments.count())),
    ]
    for label, value in rows:
        pdf.multi_cell(0, 6, _latin1(f"{label}: {value}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.multi_cell(
        0,
        6,
        _latin1(
            _("Keep this code secret: with it anyone can see the status of your report at %(url)s")
            % {"url": status_url}
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())
