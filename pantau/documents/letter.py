"""One description of an official letter, rendered to PDF (fpdf2) and DOCX (python-docx).

The usual Indonesian form: kop surat (the office's logo and letterhead),
nomor, sifat, lampiran, perihal, the addressee ("Kepada Yth."), the body,
place and date, the signature block (jabatan, name), tembusan, and only then
the annex, on its own page headed with the letter's number: a signature never
ends up alone after an annex. Reports (the inventory) use the same letterhead
with a centred title instead of an addressee. A `LetterSet` is several
letters in one file (one invitation per invitee), each starting on a new page.
"""

import datetime as dt
import io
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.utils import timezone

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
    nature: str = "Biasa"  # sifat
    copies_to: list[str] = field(default_factory=list)  # tembusan
    annex: list = field(default_factory=list)  # blocks after the signature, on a new page
    # Lines at the foot of every page (the evidence chain's head; the document_footer seam).
    footer: list[str] = field(default_factory=list)

    @property
    def place_date(self) -> str:
        return f"{settings.PANTAU_OFFICE_CITY}, {tanggal(self.date or date.today())}"


@dataclass
class LetterSet:
    """Several letters in one file, each from a new page (one invitation per invitee)."""

    filename: str
    letters: list[Letter]


def letters_of(document) -> list[Letter]:
    return document.letters if isinstance(document, LetterSet) else [document]


def letterhead() -> tuple[str, str]:
    return settings.PANTAU_OFFICE_NAME.upper(), settings.PANTAU_OFFICE_ADDRESS


def logo() -> bytes:
    from .logo import current_logo

    return current_logo()


def annex_heading(letter: Letter) -> str:
    return f"Lampiran surat\nNomor : {letter.number or '-'}\nTanggal : {tanggal(letter.date or date.today())}"


# --- PDF -------------------------------------------------------------------

REPLACEMENTS = {
    "\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
    "\u2026": "...", "\u2022": "-", "\u00a0": " ",
}  # fmt: skip


def latin1(text) -> str:
    """fpdf2's core fonts are latin-1; Indonesian is, emoji and the like are replaced."""
    text = "".join(REPLACEMENTS.get(ch, ch) for ch in str(text or ""))
    return text.encode("latin-1", "replace").decode("latin-1")


def render_pdf(document, image: bytes | None = None) -> bytes:
    """`image` is the letterhead's logo (default: the office's, from the database)."""
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    class LetterPDF(FPDF):
        footer_lines: list[str] = []

        def footer(self):
            if not self.footer_lines:
                return
            self.set_y(-6 - 3.5 * len(self.footer_lines))
            self.set_font("Helvetica", "", 7)
            for line in self.footer_lines:
                self.cell(0, 3.5, latin1(line), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    pdf = LetterPDF(format="A4")
    pdf.set_margins(20, 15, 20)
    pdf.set_auto_page_break(True, margin=18)
    image = image or logo()
    for letter in letters_of(document):
        pdf.footer_lines = letter.footer
        _pdf_letter(pdf, letter, image)
    return bytes(pdf.output())


def _pdf_kop(pdf, width, nl, image) -> None:
    name, address = letterhead()
    top = pdf.get_y()
    pdf.image(io.BytesIO(image), x=pdf.l_margin, y=top, h=22)
    pdf.set_font("Helvetica", "B", 14)
    pdf.set_x(pdf.l_margin + 26)
    pdf.multi_cell(width - 26, 7, latin1(name), align="C", **nl)
    pdf.set_font("Helvetica", "", 10)
    pdf.set_x(pdf.l_margin + 26)
    pdf.multi_cell(width - 26, 5, latin1(address), align="C", **nl)
    y = max(pdf.get_y(), top + 22) + 2
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
    pdf.set_line_width(0.2)
    pdf.line(pdf.l_margin, y + 1.2, pdf.w - pdf.r_margin, y + 1.2)
    pdf.set_y(y + 5)


def _pdf_letter(pdf, letter: Letter, image) -> None:
    from fpdf.enums import XPos, YPos

    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    nl = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}
    _pdf_kop(pdf, width, nl, image)

    pdf.set_font("Helvetica", "", 11)
    if letter.is_letter:
        pdf.cell(width, 6, latin1(letter.place_date), align="R", **nl)
        for label, value in _heading_rows(letter):
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

    _pdf_blocks(pdf, letter.blocks, width, nl)
    pdf.ln(6)
    _pdf_signature(pdf, letter, width, nl)
    if letter.copies_to:
        pdf.ln(6)
        pdf.set_font("Helvetica", "U", 10)
        pdf.cell(width, 5, "Tembusan:", **nl)
        pdf.set_font("Helvetica", "", 10)
        for i, line in enumerate(letter.copies_to, 1):
            pdf.multi_cell(width, 5, latin1(f"{i}. {line}"), **nl)
    if letter.annex:
        pdf.add_page()
        pdf.set_font("Helvetica", "", 10)
        pdf.set_x(pdf.l_margin + width * 0.5)
        pdf.multi_cell(width * 0.5, 5, latin1(annex_heading(letter)), **nl)
        pdf.ln(4)
        _pdf_blocks(pdf, letter.annex, width, nl)


def _heading_rows(letter: Letter):
    return (
        ("Nomor", letter.number),
        ("Sifat", letter.nature),
        ("Lampiran", letter.attachment),
        ("Perihal", letter.subject),
    )


def _pdf_blocks(pdf, blocks, width, nl) -> None:
    for block in blocks:
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


def render_docx(document, image: bytes | None = None) -> bytes:
    from docx import Document
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(1.5)
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    image = image or logo()
    letters = letters_of(document)
    for index, letter in enumerate(letters):
        if index:
            doc.add_page_break()
        _DocxLetter(doc, image).write(letter)
    # One section, so one footer: the chain's head is the same for every letter of the file.
    for line in letters[0].footer if letters else []:
        foot = section.footer.add_paragraph()
        foot.add_run(line).font.size = Pt(7)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


class _DocxLetter:
    def __init__(self, doc, image):
        self.doc, self.image = doc, image

    def para(self, text="", bold=False, align=None, size=None, underline=False, target=None):
        from docx.shared import Pt

        p = (target or self.doc).add_paragraph()
        p.paragraph_format.space_after = Pt(2)
        if align is not None:
            p.alignment = align
        run = p.add_run(text)
        run.bold, run.underline = bold, underline
        if size:
            run.font.size = Pt(size)
        return p

    def fields(self, rows, indent=0):
        from docx.shared import Cm

        table = self.doc.add_table(rows=0, cols=3)
        for label, value in rows:
            cells = table.add_row().cells
            cells[0].text, cells[1].text, cells[2].text = label, ":", value or "-"
            cells[0].width, cells[1].width, cells[2].width = Cm(3 + indent), Cm(0.5), Cm(13 - indent)

    def kop(self):
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm, Pt

        name, address = letterhead()
        table = self.doc.add_table(rows=1, cols=2)
        logo_cell, text_cell = table.rows[0].cells
        logo_cell.width, text_cell.width = Cm(2.8), Cm(14.2)
        logo_cell.paragraphs[0].add_run().add_picture(io.BytesIO(self.image), height=Cm(2.2))
        text_cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = text_cell.paragraphs[0].add_run(name)
        run.bold, run.font.size = True, Pt(14)
        self.para(address, align=WD_ALIGN_PARAGRAPH.CENTER, size=10, target=text_cell)
        self.para("_" * 78, align=WD_ALIGN_PARAGRAPH.CENTER, size=8)

    def blocks(self, blocks):
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm

        for block in blocks:
            if isinstance(block, Para):
                self.para(block.text, bold=block.bold, align=WD_ALIGN_PARAGRAPH.CENTER if block.center else None)
            elif isinstance(block, Fields):
                self.fields(block.rows, indent=1)
            elif isinstance(block, Table):
                if block.caption:
                    self.para(block.caption, bold=True)
                table = self.doc.add_table(rows=1, cols=len(block.headers))
                table.style = "Table Grid"
                table.alignment = WD_TABLE_ALIGNMENT.CENTER
                for cell, text in zip(table.rows[0].cells, block.headers, strict=True):
                    cell.text = ""
                    cell.paragraphs[0].add_run(text).bold = True
                for values in block.rows:
                    for cell, text in zip(table.add_row().cells, values, strict=True):
                        cell.text = str(text)
                self.para()
            elif isinstance(block, Image):
                self.doc.add_picture(io.BytesIO(block.data), width=Cm(4.5))
                self.para(block.caption, size=8)

    def write(self, letter: Letter):
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        self.kop()
        if letter.is_letter:
            self.para(letter.place_date, align=WD_ALIGN_PARAGRAPH.RIGHT)
            self.fields(_heading_rows(letter))
            self.para()
            self.para("Kepada Yth.")
            for line in letter.recipient:
                self.para(line)
            self.para()
        if letter.title:
            self.para(letter.title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=12)
            if letter.number and not letter.is_letter:
                self.para(f"Nomor: {letter.number}", align=WD_ALIGN_PARAGRAPH.CENTER)
        self.blocks(letter.blocks)
        self.para()
        right = WD_ALIGN_PARAGRAPH.RIGHT
        if not letter.is_letter:
            self.para(letter.place_date, align=right)
        self.para(letter.signer_position, align=right)
        for _ in range(3):
            self.para()
        self.para(letter.signer_name or "(....................)", bold=True, underline=True, align=right)
        if letter.copies_to:
            self.para()
            self.para("Tembusan:", underline=True, size=10)
            for i, line in enumerate(letter.copies_to, 1):
                self.para(f"{i}. {line}", size=10)
        if letter.annex:
            self.doc.add_page_break()
            self.para(annex_heading(letter), align=right, size=10)
            self.para()
            self.blocks(letter.annex)


RENDERERS = {"pdf": render_pdf, "docx": render_docx}


def signer(meeting=None, user=None):
    """(position and office, name) under a letter: the meeting's chair, else whoever makes it."""
    person = (meeting.chair if meeting else None) or user
    position = (getattr(person, "position", "") or "Koordinator Divisi") if person else "Koordinator Divisi"
    return f"{position}\n{settings.PANTAU_OFFICE_NAME}", str(person) if person else ""


def report_letter(filename: str, title: str, blocks: list, number: str = "", user=None) -> Letter:
    """A report under the letterhead: a centred title, dated today in the office's zone, signed by its maker."""
    position, name = signer(user=user)
    return Letter(
        filename=filename,
        title=title,
        number=number,
        blocks=blocks,
        date=timezone.localdate(),
        signer_position=position,
        signer_name=name,
        is_letter=False,
    )
