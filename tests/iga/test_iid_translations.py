"""The IID pages and exports speak Indonesian: every msgid of the IGA code and templates has an
Indonesian translation in the catalogue (placeholders are checked for the whole catalogue in
tests/test_translations.py)."""

import re
from pathlib import Path

from tests.test_translations import PO_PATH, parse_po

ROOT = Path(__file__).resolve().parent.parent.parent
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


def test_every_iid_msgid_has_an_indonesian_translation():
    known = translations()
    missing = [m for m in msgids() if m not in known]
    assert missing == []
