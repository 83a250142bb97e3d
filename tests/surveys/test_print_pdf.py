"""The PDF helpers (surveys/pdf.py, surveys/qr.py, surveys/print_texts.py), and the small
tools the other print tests share: PDF → text (pdftotext), PDF → PNG (pdftoppm), PNG → the
QR codes in it (zxing-cpp)."""

from __future__ import annotations

import http.server
import re
import subprocess
import tempfile
import threading
from pathlib import Path

import PIL.Image
import pytest
import zxingcpp

from surveys.block_texts import FORM_TEXTS
from surveys.pdf import css_string, local_only_fetcher, pdf_response, render_pdf
from surveys.print_texts import PRINT_LANGUAGES, PRINT_TEXTS, page_counter_css, print_text
from surveys.qr import qr_svg

# Direction marks pdftotext puts around right-to-left runs.
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def pdf_text(pdf: bytes) -> str:
    """The PDF's text with line breaks and runs of spaces made single spaces."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "file.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"],
            check=True,
            capture_output=True,
        ).stdout.decode()
    return " ".join(BIDI_CONTROLS.sub(" ", out).split())


# pdftotext moves Arabic vowel signs and shadda away from their letters and writes the
# lam-alef ligature as alef-lam: compare words, leaving out words with marks.
ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670]")
LAM_ALEF = re.compile("\u0644([\u0627\u0623\u0625\u0622])")
ARABIC_LETTER = re.compile("[\u0620-\u064a]")
PUNCTUATION = "؟،.:«»!()–-"


def missing_arabic_words(expected: str, extracted: str) -> set[str]:
    """The Arabic words of `expected` (without vowel marks) that the PDF's text lacks."""
    wanted = {
        LAM_ALEF.sub("\\1\u0644", word.strip(PUNCTUATION))
        for word in expected.split()
        if ARABIC_LETTER.search(word) and not ARABIC_MARKS.search(word)
    }
    found = {word.strip(PUNCTUATION) for word in extracted.split()}
    return wanted - found


def to_png(pdf: bytes, prefix: Path, *, resolution: int = 150, pages: int | None = 1) -> Path:
    """The PDF saved as <prefix>.pdf and its first page (`pages=None`: all) as
    <prefix>-1.png …; returns the first page's file."""
    prefix.parent.mkdir(parents=True, exist_ok=True)
    source = prefix.with_name(f"{prefix.name}.pdf")
    source.write_bytes(pdf)
    command = ["pdftoppm", "-png", "-r", str(resolution)]
    if pages is not None:
        command += ["-f", "1", "-l", str(pages)]
    subprocess.run([*command, str(source), str(prefix)], check=True)
    return sorted(prefix.parent.glob(f"{prefix.name}-*.png"))[0]


def decode_qr_codes(png: Path) -> list[str]:
    with PIL.Image.open(png) as image:
        return [code.text for code in zxingcpp.read_barcodes(image)]


def test_fetcher_refuses_other_hosts():
    fetcher = local_only_fetcher()
    for url in ("http://example.org/logo.png", "https://example.org/font.woff2", "ftp://x/y"):
        with pytest.raises(ValueError, match="disallowed protocol"):
            fetcher.fetch(url)


def test_fetcher_refuses_files_outside_the_static_folders(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("no")
    with pytest.raises(ValueError, match="not a static file"):
        local_only_fetcher(roots=[tmp_path / "static"]).fetch(secret.as_uri())


def test_fetcher_reads_inline_data_and_static_files(tmp_path):
    (tmp_path / "a.css").write_text("p {}")
    fetcher = local_only_fetcher(roots=[tmp_path])
    assert fetcher.fetch((tmp_path / "a.css").as_uri()).read() == b"p {}"
    assert fetcher.fetch("data:text/plain,hallo").read() == b"hallo"


@pytest.fixture
def listening_server():
    """An HTTP server on this machine that records every path requested from it."""
    requested: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requested.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", requested
    server.shutdown()
    server.server_close()


def test_a_template_pointing_elsewhere_renders_without_fetching_it(
    settings, tmp_path, listening_server
):
    address, requested = listening_server
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    (tmp_path / "outside.html").write_text(
        f'<link rel="stylesheet" href="{address}/style.css">'
        f'<style>@import "{address}/import.css"; p {{ background: url({address}/bg.png) }}</style>'
        f'<img src="{address}/tracker.png"><p>Hallo {{{{ name }}}}</p>'
    )
    pdf = render_pdf("outside.html", {"name": "Welt"})
    assert pdf.startswith(b"%PDF")
    assert "Hallo Welt" in pdf_text(pdf)
    assert requested == []


def test_css_string_cannot_leave_the_style_element():
    assert (
        css_string('Sammelstelle "A" </style><b>')
        == '"Sammelstelle \\"A\\" \\3c /style\\3e \\3c b\\3e "'
    )
    assert css_string("x", isolate=True) == '"\u2066x\u2069"'


def test_pdf_response_is_inline_and_never_cached():
    response = pdf_response(b"%PDF-1.7", "plakat-abc.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="plakat-abc.pdf"'
    assert "no-store" in response["Cache-Control"]
    download = pdf_response(b"%PDF-1.7", "x.pdf", inline=False)
    assert download["Content-Disposition"].startswith("attachment")


def test_qr_svg_is_dark_on_white_without_fixed_size():
    svg = qr_svg("http://testserver/s/abcd2345/")
    assert svg.startswith('<svg viewBox="0 0 ')
    assert 'class="qr"' in svg
    assert 'fill="#fff"' in svg
    assert 'stroke="#000"' in svg
    assert "width=" not in svg.split(">", 1)[0]
    assert 'width="' in qr_svg("x", scale=3, sized=True).split(">", 1)[0]


def test_every_print_text_exists_in_every_print_language_with_the_same_placeholders():
    for key, texts in PRINT_TEXTS.items():
        assert set(texts) == set(PRINT_LANGUAGES), key
        german = set(re.findall(r"%\((\w+)\)s|\{(\w+)\}", texts["de"]))
        for language, text in texts.items():
            assert text.strip(), (key, language)
            assert set(re.findall(r"%\((\w+)\)s|\{(\w+)\}", text)) == german, (key, language)


def test_print_texts_fall_back_to_german_and_isolate_values_in_arabic():
    assert print_text("slip_title", "uk") == PRINT_TEXTS["slip_title"]["de"]
    arabic = print_text("hand_in", "ar", place="Familienzentrum Mitte")
    assert "\u2068Familienzentrum Mitte\u2069" in arabic
    assert print_text("hand_in", "de", place="X") == "Geben Sie den Bogen bei X ab."


def test_page_counter_is_css_content_with_the_page_counters():
    assert page_counter_css("de") == '"Seite " counter(page) " von " counter(pages)'
    assert page_counter_css("ar").startswith('"صفحة " counter(page)')


def test_print_languages_are_the_family_form_languages():
    # The paper questionnaire mixes both sets of texts: they must cover the same languages.
    assert set(PRINT_LANGUAGES) == set(FORM_TEXTS["info_title"])
