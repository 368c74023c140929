"""The IID pages and exports speak Indonesian: every msgid of the IGA code and templates has an
Indonesian translation, in the catalogue or (until the integrator merges it) in
locale-fragment-iid.po, with the same placeholders."""

import re
from pathlib import Path

import pytest

from tests.test_translations import PLACEHOLDER, PO_PATH, parse_po

ROOT = Path(__file__).resolve().parent.parent.parent
FRAGMENT = ROOT / "locale-fragment-iid.po"
SOURCES = [
    *sorted((ROOT / "iga").glob("*.py")),
    *sorted((ROOT / "templates" / "iga").glob("*.html")),
    ROOT / "templates" / "reports" / "dashboard.html",
]
# Single-line literals: _("..."), gettext_lazy("..."), {% translate "..." %}.
PATTERNS = [
    re.compile(r'\b(?:_|gettext|gettext_lazy)\(\s*"((?:[^"\\]|\\.)+)"\s*\)'),
    re.compile(r'{%\s*translate\s+"([^"]+)"\s*%}'),
    re.compile(r"{%\s*translate\s+'([^']+)'\s*%}"),
]


def translations():
    entries = parse_po(PO_PATH)
    if FRAGMENT.exists():
        entries += parse_po(FRAGMENT)
    return {e.msgid: e for e in entries if e.msgid and all(e.msgstr.values()) and e.msgstr}


def msgids():
    found = set()
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        template = path.suffix == ".html"
        for pattern in PATTERNS:
            for literal in pattern.findall(text):
                if "\\" in literal:
                    literal = literal.encode().decode("unicode_escape")
                # Django's makemessages doubles a template's "%" (templatize).
                found.add(literal.replace("%", "%%") if template else literal)
    return sorted(found)


def test_the_fragment_parses():
    if not FRAGMENT.exists():
        pytest.skip("merged into the catalogue")
    entries = parse_po(FRAGMENT)
    assert len(entries) > 100
    assert not [e.msgid for e in entries if "fuzzy" in e.flags]


def test_every_iid_msgid_has_an_indonesian_translation():
    known = translations()
    missing = [m for m in msgids() if m not in known]
    assert missing == []


def test_fragment_placeholders_match():
    if not FRAGMENT.exists():
        pytest.skip("merged into the catalogue")
    wrong = []
    for entry in parse_po(FRAGMENT):
        expected = set(PLACEHOLDER.findall(entry.msgid))
        if entry.msgid_plural:
            expected |= set(PLACEHOLDER.findall(entry.msgid_plural))
        for text in entry.msgstr.values():
            if set(PLACEHOLDER.findall(text)) != expected:
                wrong.append(entry.msgid)
    assert wrong == []
