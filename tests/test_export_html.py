"""HTML for print and for the browser: one self-contained, valid page, everything escaped.

The structure is read with an HTML5 parser (html5lib, strict: any parse error fails); the
printed pages are checked in a real browser (Chromium prints to PDF, poppler reads it back),
and that test is skipped where either is not installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib  # type: ignore[import-untyped,unused-ignore]
import pytest

from briefing_reader import i18n
from briefing_reader.export import digest_html, to_html
from briefing_reader.loader import load_file, load_text
from briefing_reader.model import Briefing, fields_of
from briefing_reader.text import MARKING_COLOURS, marking_level, printable
from conftest import MINIMAL, SEED, run_cli, with_lines

HOSTILE = r"""title: "<script>alert('x')</script> \"quoted\" & 'single' </title><b>bold</b>"
date: 2026-02-12
language: it
classification: "SECRET\"; } body { background: url(http://e.vil/x) } </style><script>x</script>"
place: "<img src=http://e.vil/x.png onerror=alert(1)>"
summary: "&amp; &lt; stays as typed\n<!-- a comment --> <style>body{display:none}</style>"
agenda:
  - title: "<a href=\"http://e.vil\">click</a>"
    summary: "javascript:alert(1)"
positions: []
regions: []
bilaterals: []
quotes:
  - speaker: "<i>Someone</i>"
    language: it
    original: "Parole <b>originali</b> \"tra virgolette\""
    translation: "Words </blockquote> \"in quotes\""
source:
  publisher: Publisher
  url: "javascript:alert(document.cookie)"
  reference: "\" onmouseover=\"alert(1)"
"""

LINKED = with_lines(
    MINIMAL,
    "bilaterals: []",
    "bilaterals: []\nsource:\n  publisher: Someone\n"
    '  url: "https://example.org/report?id=1&lang=it"',
)

CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{6})")


def loaded(path: Path) -> Briefing:
    result = load_file(path)
    assert result.briefing is not None, result.problems
    return result.briefing


def from_text(text: str) -> Briefing:
    result = load_text(text)
    assert result.briefing is not None, result.problems
    return result.briefing


def parsed(page: str) -> ET.Element:
    """The page's tree; raises on any HTML5 parse error."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    tree: ET.Element = parser.parse(page)
    return tree


def text_of(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def words(text: str | None) -> str:
    return " ".join((text or "").split())


def style_of(tree: ET.Element) -> str:
    styles = tree.findall(".//style")
    assert len(styles) == 1
    return styles[0].text or ""


def page_rule(css: str) -> dict[str, str]:
    """The declarations of each margin box of the @page rule, by the box's name."""
    return dict(re.findall(r"@(top-center|bottom-center)\s*\{([^}]*)\}", css))


def css_content(declarations: str) -> str:
    match = re.search(r'content:\s*"([^"]*)"', declarations)
    assert match is not None
    return CSS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), match.group(1))


def seed() -> Briefing:
    return loaded(SEED)


# --- a valid, self-contained page -------------------------------------------------------------


@pytest.mark.parametrize("which", ["seed", "hostile", "digest"])
def test_html_passes_a_strict_html5_parser(which: str) -> None:
    pages = {
        "seed": lambda: to_html(seed()),
        "hostile": lambda: to_html(from_text(HOSTILE)),
        "digest": lambda: digest_html([seed(), from_text(HOSTILE), from_text(MINIMAL)]),
    }
    page = pages[which]()

    tree = parsed(page)

    assert page.startswith("<!DOCTYPE html>\n")
    assert tree.find("./head/meta[@charset='utf-8']") is not None


@pytest.mark.parametrize("which", ["seed", "hostile"])
def test_html_is_self_contained_and_runs_nothing(which: str) -> None:
    briefing = seed() if which == "seed" else from_text(HOSTILE)
    tree = parsed(to_html(briefing))

    kinds = {element.tag for element in tree.iter()}
    assert kinds & {"script", "link", "img", "iframe", "object", "embed", "base", "form"} == set()
    attributes = {name for element in tree.iter() for name in element.attrib}
    assert not {name for name in attributes if name == "src" or name.startswith("on")}
    css = style_of(tree)
    assert "url(" not in css
    assert "@import" not in css
    policy = tree.find("./head/meta[@http-equiv='Content-Security-Policy']")
    assert policy is not None
    assert "default-src 'none'" in policy.attrib["content"]


def test_everything_from_the_file_is_shown_as_text() -> None:
    briefing = from_text(HOSTILE)
    tree = parsed(to_html(briefing))

    assert text_of(tree.findall(".//h1")[0]) == printable(briefing.title)
    assert printable(briefing.title) in text_of(tree.findall(".//title")[0])
    assert tree.find(".//b") is None
    assert tree.find(".//i") is None
    assert [a.attrib["href"] for a in tree.iter("a")] == []  # javascript: is not a link
    body = text_of(tree.findall(".//body")[0])
    for field in ("place", "summary"):
        assert " ".join(str(getattr(briefing, field)).split()) in body
    assert "javascript:alert(document.cookie)" in body
    assert '" onmouseover="alert(1)' in body


def test_a_web_address_is_a_link_to_exactly_that_address() -> None:
    tree = parsed(to_html(from_text(LINKED)))

    links = list(tree.iter("a"))
    assert [link.attrib["href"] for link in links] == ["https://example.org/report?id=1&lang=it"]
    assert text_of(links[0]) == "https://example.org/report?id=1&lang=it"


def test_every_field_of_the_briefing_is_on_the_page() -> None:
    briefing = seed()
    body = text_of(parsed(to_html(briefing)).findall(".//body")[0])

    missing = []
    for record in [briefing, *(item for _, item in briefing.items()), briefing.source]:
        for spec in fields_of(type(record)):
            value = getattr(record, spec.name, None)
            texts = value if isinstance(value, tuple) else (value,)
            for text in texts:
                if isinstance(text, str) and " ".join(text.split()) not in body:
                    missing.append(f"{type(record).__name__}.{spec.name}")
    assert missing == []


def test_the_page_is_in_its_labels_language_and_the_briefing_in_its_own() -> None:
    tree = parsed(to_html(from_text(HOSTILE)))  # an Italian briefing, labelled in English

    assert tree.attrib["lang"] == "en"
    article = tree.find(".//article")
    assert article is not None
    assert article.attrib["lang"] == "it"
    with i18n.labelled_in("it"):
        assert parsed(to_html(from_text(HOSTILE))).attrib["lang"] == "it"
    assert parsed(to_html(seed())).attrib["lang"] == "en"


# --- the marking ---------------------------------------------------------------------------


def test_the_marking_is_at_the_top_and_bottom_in_its_colour() -> None:
    tree = parsed(to_html(from_text(MINIMAL + "classification: SECRET\n")))
    body = tree.findall(".//body")[0]

    first, last = body[0], body[-1]
    assert (first.tag, text_of(first)) == ("header", "SECRET")
    assert (last.tag, text_of(last)) == ("footer", "SECRET")
    assert "marking-secret" in first.attrib["class"].split()
    foreground, background = MARKING_COLOURS["secret"]
    rule = f".marking-secret {{ color: {foreground}; background-color: {background}; }}"
    assert rule in style_of(tree)


@pytest.mark.parametrize("which", ["seed", "hostile"])
def test_every_printed_page_has_the_marking_at_top_and_bottom(which: str) -> None:
    """CSS paged media: the @page rule's top and bottom margin boxes say the marking."""
    briefing = seed() if which == "seed" else from_text(HOSTILE)
    boxes = page_rule(style_of(parsed(to_html(briefing))))

    marking = printable(briefing.classification or "").upper()
    _, background = MARKING_COLOURS[marking_level(briefing.classification)]
    assert sorted(boxes) == ["bottom-center", "top-center"]
    for declarations in boxes.values():
        assert css_content(declarations) == marking
        assert f"background-color: {background};" in declarations


def test_a_marking_cannot_end_the_style_sheet() -> None:
    page = to_html(from_text(HOSTILE))
    tree = parsed(page)

    assert len(tree.findall(".//style")) == 1
    assert tree.find(".//script") is None
    assert "body { background: url" not in style_of(tree)
    assert page.count("</style>") == 1


# --- quotes --------------------------------------------------------------------------------


def test_a_quote_shows_original_and_translation_side_by_side() -> None:
    briefing = seed()
    quote = briefing.quotes[0]
    tree = parsed(to_html(briefing))

    pair = tree.find(".//div[@class='quote-pair']")
    assert pair is not None
    original, translation = list(pair)
    assert original.attrib["class"] == "original"
    assert translation.attrib["class"] == "translation"
    assert [text_of(part) for part in original] == ["Original (it)", words(quote.original)]
    assert original.find("./blockquote[@lang='it']") is not None
    assert [text_of(part) for part in translation] == ["Translation", words(quote.translation)]
    css = style_of(tree)
    assert re.search(r"\.quote-pair \{[^}]*grid-template-columns: repeat\(2,", css)
    narrow = css[css.index("@media (max-width:") :]
    assert re.search(r"\.quote-pair[^{]*\{ grid-template-columns: minmax\(0, 1fr\); \}", narrow)


# --- the command ---------------------------------------------------------------------------


def test_summary_format_html_prints_the_page(
    capsys: pytest.CaptureFixture[str], seed_path: Path
) -> None:
    assert run_cli(["summary", str(seed_path), "--format", "html"]) == 0

    assert capsys.readouterr().out == to_html(seed())


# --- in a real browser -----------------------------------------------------------------------

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
POPPLER = shutil.which("pdftotext") and shutil.which("pdftoppm")


def print_to_pdf(page: str, folder: Path) -> Path:
    html_file = folder / "briefing.html"
    html_file.write_text(page, encoding="utf-8")
    pdf = folder / "briefing.pdf"
    assert BROWSER is not None
    subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--user-data-dir={folder / 'profile'}",
            f"--print-to-pdf={pdf}",
            html_file.as_uri(),
        ],
        capture_output=True,
        check=True,
        timeout=60,
    )
    return pdf


def ppm_pixels(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and RGB bytes of a binary PPM (what `pdftoppm` writes by default)."""
    fields = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", data)
    assert fields is not None
    return int(fields[1]), int(fields[2]), data[fields.end() :]


@pytest.mark.skipif(BROWSER is None or not POPPLER, reason="needs chromium and poppler-utils")
def test_chromium_prints_the_marking_at_the_top_and_bottom_of_every_page() -> None:
    text = SEED.read_text(encoding="utf-8").replace(
        "classification: UNCLASSIFIED", "classification: SECRET"
    )
    with tempfile.TemporaryDirectory() as scratch:
        pdf = print_to_pdf(to_html(from_text(text)), Path(scratch))
        pages = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True
        ).stdout.split("\f")[:-1]
        second = subprocess.run(
            ["pdftoppm", "-r", "20", "-f", "2", "-l", "2", str(pdf)],
            capture_output=True,
            check=True,
        ).stdout

    assert len(pages) >= 3
    for number, page in enumerate(pages, 1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert (lines[0], lines[-1]) == ("SECRET", "SECRET"), f"page {number}"
        assert lines.count("SECRET") == 2, f"page {number}: the marking once at each end"
    width, height, pixels = ppm_pixels(second)
    red = bytes.fromhex(MARKING_COLOURS["secret"][1][1:])
    rows = [
        row
        for row in range(height)
        if pixels[row * width * 3 : (row + 1) * width * 3].count(red) > width // 3
    ]
    assert rows, "no banner in the marking's colour"
    assert min(rows) < height // 8  # at the top
    assert max(rows) > height * 7 // 8  # and at the bottom
