"""The base of our PDFs: fonts for names in any script, found where Debian puts them or where
PDF_FONT_DIRS says, and a clear message when they are missing."""

import datetime as dt
import logging
from pathlib import Path

import pytest
from django.urls import reverse

from eigenkracht.core.pdf import (
    BASE,
    DEFAULT_FONT_DIRS,
    FONT,
    SCRIPTS,
    Document,
    PdfFontsMissing,
)
from eigenkracht.payments.services import registration_mark_paid
from tests.core.pdf_reader import NAMES_IN_SCRIPTS, drawn, shown, texts
from tests.factories import RegistrationFactory, TrainingFactory, UserFactory
from tests.trainings.links import registrant_url

ARABIC = " ".join(NAMES_IN_SCRIPTS["Arabic"])
DEVANAGARI = " ".join(NAMES_IN_SCRIPTS["Devanagari"])
REQUIRED = [face.file for face in BASE.values()]
REQUIRED += [f.file for s in SCRIPTS if s.required for f in (s.regular, s.bold) if f is not None]


def _document(*lines: tuple[str, str]) -> bytes:
    pdf = Document(created=dt.date(2031, 3, 5))
    pdf.add_page()
    for style, line in lines:
        pdf.set_font(FONT, style, 12)
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return pdf.pdf_bytes()


def test_a_page_that_begins_in_a_script_font_still_shows_every_line_in_its_font():
    # A line wholly in a script font first on the page, then Latin, then bold: fpdf2 on its own
    # loses the page's font after the first line and shows nothing of the rest.
    content = _document(("", ARABIC), ("", "Kevin Van Damme"), ("B", DEVANAGARI), ("B", "Vet"))
    lines = texts(content)  # raises when a text has no font in force
    assert [t.text for t in lines] == [drawn(ARABIC), "Kevin Van Damme", DEVANAGARI, "Vet"]
    # Letters in their script's font, the space between the names in DejaVu Sans.
    assert lines[0].fonts == {"NotoSansArabic", "DejaVuSansBook"}
    assert lines[1].fonts == {"DejaVuSansBook"}
    assert lines[2].fonts == {"NotoSansDevanagariBold", "DejaVuSansBold"}
    assert lines[3].fonts == {"DejaVuSansBold"}


def test_the_same_text_gives_the_same_file():
    lines = (("B", "Attest van deelname"), ("", ARABIC), ("", "Łukasz Żółkiewski"))
    assert _document(*lines) == _document(*lines)


def _fonts_in(tmp_path: Path, files: list[str]) -> Path:
    """A folder with links to some of Debian's font files, found where Debian puts them."""
    folder = tmp_path / "fonts"
    folder.mkdir()
    for name in files:
        source = next(Path(d) / name for d in DEFAULT_FONT_DIRS if (Path(d) / name).is_file())
        (folder / name).symlink_to(source)
    return folder


def test_the_fonts_can_live_elsewhere_and_a_script_without_a_font_is_left_out_and_logged(
    settings, tmp_path, caplog
):
    settings.PDF_FONT_DIRS = [str(_fonts_in(tmp_path, REQUIRED))]  # no Devanagari font
    with caplog.at_level(logging.WARNING, logger="eigenkracht.core.pdf"):
        content = _document(("", ARABIC), ("", f"Anita {DEVANAGARI}"))
    assert shown(content) == [drawn(ARABIC), "Anita"]
    [record] = caplog.records
    assert "U+0905 DEVANAGARI LETTER A" in record.getMessage()


def test_without_the_fonts_no_pdf_is_made_and_the_log_says_what_to_install(
    settings, tmp_path, caplog
):
    settings.PDF_FONT_DIRS = [str(tmp_path)]
    with (
        caplog.at_level(logging.ERROR, logger="eigenkracht.core.pdf"),
        pytest.raises(PdfFontsMissing) as missing,
    ):
        Document()
    assert set(missing.value.missing) == set(REQUIRED)
    [record] = caplog.records
    assert "DejaVuSans.ttf" in record.getMessage()
    assert "fonts-dejavu-core fonts-noto-core" in record.getMessage()
    assert "\n" not in record.getMessage()


@pytest.mark.django_db
def test_a_pdf_without_fonts_answers_with_a_dutch_message_not_a_server_error(
    client, settings, tmp_path
):
    settings.PDF_FONT_DIRS = [str(tmp_path)]
    registration = RegistrationFactory(training=TrainingFactory(fee_cents=2000))
    registration_mark_paid(
        registration=registration, amount_cents=2000, paid_on=dt.date.today(), actor=UserFactory()
    )
    page = registrant_url(client, "registration", registration)
    receipt = reverse("trainings:self_service:receipt", args=[registration.code])

    # From the page with the link: back to that page, with the message on it.
    response = client.get(receipt, HTTP_REFERER=f"http://testserver{page}", follow=True)
    assert response.redirect_chain == [(f"http://testserver{page}", 302)]
    assert "de lettertypen ervoor ontbreken op de server" in response.content.decode()

    # Opened on its own: the message alone.
    response = client.get(receipt)
    assert response.status_code == 503
    assert "de lettertypen ervoor ontbreken op de server" in response.content.decode()


@pytest.mark.skipif(
    not any((Path(d) / "NotoSansCJK-Regular.ttc").is_file() for d in DEFAULT_FONT_DIRS),
    reason="Chinese needs Debian's fonts-noto-cjk, which is optional",
)
def test_a_chinese_name_prints_when_fonts_noto_cjk_is_installed():
    assert shown(_document(("", "王小明"), ("B", "李娜"))) == ["王小明", "李娜"]
