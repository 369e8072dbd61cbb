"""One description of an official letter, rendered to PDF (fpdf2) and DOCX (python-docx).

The usual Indonesian form: kop surat (the office's letterhead), nomor,
lampiran, perihal, the addressee ("Kepada Yth."), the body, place and date,
and the signature block. Reports (the inventory) use the same letterhead with
a centred title instead of an addressee.
"""

import datetime as dt
import io
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings

MONTHS = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


def tanggal(day: date, weekday: bool = False) -> str:
    """1 November 2024 (or Jumat, 1 November 2024)."""
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{DAYS[day.weekday()]}, {text}" if weekday else text


@dataclass
class Para:
    text: str
    bold: bool = False
    center: bool = False


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    widths: list[float]  # relative
    caption: str = ""


@dataclass
class Image:
    data: bytes
    caption: str = ""


@dataclass
class Fields:
    """Label: value lines (Hari/tanggal : ..., Tempat : ...)."""

    rows: list[tuple[str, str]]


@dataclass
class Letter:
    filename: str
    title: str = ""
    number: str = ""
    attachment: str = "-"
    subject: str = ""
    recipient: list[str] = field(default_factory=list)
    blocks: list = field(default_factory=list)
    date: dt.date | None = None
    signer_position: str = ""
    signer_name: str = ""
    is_letter: bool = True
    # Lines at the foot of every page (the evidence chain's head; registry.FOOTER_PROVIDERS).
    footer: list[str] = field(default_factory=list)

    @property
    def place_date(self) -> str:
        return f"{settings.PANTAU_OFFICE_CITY}, {tanggal(self.date or date.today())}"


def letterhead() -> tuple[str, str]:
    return settings.PANTAU_OFFICE_NAME.upper(), settings.PANTAU_OFFICE_ADDRESS


# --- PDF -------------------------------------------------------------------

REPLACEMENTS = {
    "\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
    "\u2026": "...", "\u2022": "-", "\u00a0": " ",
}  # fmt: skip


def latin1(text) -> str:
    """fpdf2's core fonts are latin-1; Indonesian is, emoji and the like are replaced."""
    text = "".join(REPLACEMENTS.get(ch, ch) for ch in str(text or ""))
    return text.encode("latin-1", "replace").decode("latin-1")


def render_pdf(letter: Letter) -> bytes:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    class LetterPDF(FPDF):
        def footer(self):
            if not letter.footer:
                return
            self.set_y(-6 - 3.5 * len(letter.footer))
            self.set_font("Helvetica", "", 7)
            for line in letter.footer:
                self.cell(0, 3.5, latin1(line), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    pdf = LetterPDF(format="A4")
    pdf.set_margins(20, 15, 20)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    nl = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}

    name, address = letterhead()
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(width, 7, latin1(name), align="C", **nl)
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(width, 5, latin1(address), align="C", **nl)
    y = pdf.get_y() + 2
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
    pdf.set_line_width(0.2)
    pdf.line(pdf.l_margin, y + 1.2, pdf.w - pdf.r_margin, y + 1.2)
    pdf.set_y(y + 5)

    pdf.set_font("Helvetica", "", 11)
    if letter.is_letter:
        pdf.cell(width, 6, latin1(letter.place_date), align="R", **nl)
        for label, value in (("Nomor", letter.number), ("Lampiran", letter.attachment), ("Perihal", letter.subject)):
            pdf.cell(25, 6, label)
            pdf.cell(4, 6, ":")
            pdf.multi_cell(width - 29, 6, latin1(value or "-"), **nl)
        pdf.ln(4)
        pdf.cell(width, 6, "Kepada Yth.", **nl)
        for line in letter.recipient:
            pdf.multi_cell(width, 6, latin1(line), **nl)
        pdf.ln(4)
    if letter.title:
        pdf.set_font("Helvetica", "B", 12)
        pdf.multi_cell(width, 7, latin1(letter.title), align="C", **nl)
        if letter.number and not letter.is_letter:
            pdf.set_font("Helvetica", "", 11)
            pdf.cell(width, 6, latin1(f"Nomor: {letter.number}"), align="C", **nl)
        pdf.ln(3)

    for block in letter.blocks:
        if isinstance(block, Para):
            pdf.set_font("Helvetica", "B" if block.bold else "", 11)
            pdf.multi_cell(width, 6, latin1(block.text), align="C" if block.center else "J", **nl)
            pdf.ln(2)
        elif isinstance(block, Fields):
            pdf.set_font("Helvetica", "", 11)
            for label, value in block.rows:
                pdf.set_x(pdf.l_margin + 10)
                pdf.cell(35, 6, latin1(label))
                pdf.cell(4, 6, ":")
                pdf.multi_cell(width - 49, 6, latin1(value), **nl)
            pdf.ln(2)
        elif isinstance(block, Table):
            _pdf_table(pdf, block, width)
        elif isinstance(block, Image):
            pdf.image(io.BytesIO(block.data), w=45)
            pdf.set_font("Helvetica", "", 8)
            pdf.multi_cell(width, 4, latin1(block.caption), **nl)
            pdf.ln(2)
    pdf.ln(6)
    _pdf_signature(pdf, letter, width, nl)
    return bytes(pdf.output())


def _pdf_table(pdf, table: Table, width: float) -> None:
    if table.caption:
        pdf.set_font("Helvetica", "B", 11)
        pdf.cell(width, 7, latin1(table.caption), new_x="LMARGIN", new_y="NEXT")
    total = sum(table.widths)
    widths = tuple(width * w / total for w in table.widths)
    pdf.set_font("Helvetica", "", 8)
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=4.5, first_row_as_headings=True) as grid:
        header = grid.row()
        for text in table.headers:
            header.cell(latin1(text))
        for values in table.rows:
            row = grid.row()
            for value in values:
                row.cell(latin1(value))
    pdf.ln(3)


def _pdf_signature(pdf, letter: Letter, width: float, nl) -> None:
    if pdf.get_y() > pdf.h - 60:
        pdf.add_page()
    x = pdf.l_margin + width * 0.55
    block = width * 0.45
    pdf.set_font("Helvetica", "", 11)
    if not letter.is_letter:
        pdf.set_x(x)
        pdf.multi_cell(block, 6, latin1(letter.place_date), **nl)
    pdf.set_x(x)
    pdf.multi_cell(block, 6, latin1(letter.signer_position), **nl)
    pdf.ln(20)
    pdf.set_x(x)
    pdf.set_font("Helvetica", "BU", 11)
    pdf.multi_cell(block, 6, latin1(letter.signer_name or "(....................)"), **nl)


# --- DOCX ------------------------------------------------------------------


def render_docx(letter: Letter) -> bytes:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(1.5)
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    for line in letter.footer:
        foot = section.footer.add_paragraph()
        foot.add_run(line).font.size = Pt(7)

    def para(text="", bold=False, align=None, size=None, underline=False):
        p = doc.add_paragraph()
        p.paragraph_format.space_after = Pt(2)
        if align:
            p.alignment = align
        run = p.add_run(text)
        run.bold, run.underline = bold, underline
        if size:
            run.font.size = Pt(size)
        return p

    name, address = letterhead()
    para(name, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=14)
    para(address, align=WD_ALIGN_PARAGRAPH.CENTER, size=10)
    para("_" * 78, align=WD_ALIGN_PARAGRAPH.CENTER, size=8)

    def fields(rows, indent=0):
        table = doc.add_table(rows=0, cols=3)
        for label, value in rows:
            cells = table.add_row().cells
            cells[0].text, cells[1].text, cells[2].text = label, ":", value or "-"
            cells[0].width, cells[1].width, cells[2].width = Cm(3 + indent), Cm(0.5), Cm(13 - indent)

    if letter.is_letter:
        para(letter.place_date, align=WD_ALIGN_PARAGRAPH.RIGHT)
        fields([("Nomor", letter.number), ("Lampiran", letter.attachment), ("Perihal", letter.subject)])
        para()
        para("Kepada Yth.")
        for line in letter.recipient:
            para(line)
        para()
    if letter.title:
        para(letter.title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=12)
        if letter.number and not letter.is_letter:
            para(f"Nomor: {letter.number}", align=WD_ALIGN_PARAGRAPH.CENTER)

    for block in letter.blocks:
        if isinstance(block, Para):
            para(block.text, bold=block.bold, align=WD_ALIGN_PARAGRAPH.CENTER if block.center else None)
        elif isinstance(block, Fields):
            fields(block.rows, indent=1)
        elif isinstance(block, Table):
            if block.caption:
                para(block.caption, bold=True)
            table = doc.add_table(rows=1, cols=len(block.headers))
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for cell, text in zip(table.rows[0].cells, block.headers, strict=True):
                cell.text = ""
                cell.paragraphs[0].add_run(text).bold = True
            for values in block.rows:
                for cell, text in zip(table.add_row().cells, values, strict=True):
                    cell.text = str(text)
            para()
        elif isinstance(block, Image):
            doc.add_picture(io.BytesIO(block.data), width=Cm(4.5))
            para(block.caption, size=8)
    para()
    right = WD_ALIGN_PARAGRAPH.RIGHT
    if not letter.is_letter:
        para(letter.place_date, align=right)
    para(letter.signer_position, align=right)
    for _ in range(3):
        para()
    para(letter.signer_name or "(....................)", bold=True, underline=True, align=right)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


RENDERERS = {"pdf": render_pdf, "docx": render_docx}
