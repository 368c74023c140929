"""The Indonesian catalogue is complete, consistent with its msgids, and compiled.

Bahasa Indonesia is the portal's default language, so an empty or fuzzy entry shows English to
officials, a lost placeholder breaks the string at run time, and a stale .mo serves yesterday's
wording. The .po is parsed here directly (a small reader of msgid/msgstr blocks) so the check
needs no extra package.
"""

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

PO_PATH = Path(__file__).resolve().parent.parent / "locale" / "id" / "LC_MESSAGES" / "django.po"

# %(name)s / %(n)d / %(x).2f, bare %s / %d, and str.format-style {name}.
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdif]|\{\w*\}")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0


def _unquote(text):
    """A PO string literal uses C escapes, which Python's literal syntax reads the same way."""
    return ast.literal_eval(text)


def parse_po(path):
    entries, entry, target = [], None, None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            entry, target = None, None
            continue
        if line.startswith("#~"):
            continue
        if entry is None:
            entry = Entry(line=number)
            entries.append(entry)
        if line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith("msgctxt "):
            entry.msgctxt, target = _unquote(line[8:]), ("msgctxt", None)
        elif line.startswith("msgid_plural "):
            entry.msgid_plural, target = _unquote(line[13:]), ("msgid_plural", None)
        elif line.startswith("msgid "):
            entry.msgid, target = _unquote(line[6:]), ("msgid", None)
        elif line.startswith("msgstr["):
            index = int(line[7 : line.index("]")])
            entry.msgstr[index] = _unquote(line[line.index("]") + 1 :].strip())
            target = ("msgstr", index)
        elif line.startswith("msgstr "):
            entry.msgstr[0], target = _unquote(line[7:]), ("msgstr", 0)
        elif line.startswith('"'):
            name, index = target
            if name == "msgstr":
                entry.msgstr[index] += _unquote(line)
            else:
                setattr(entry, name, getattr(entry, name) + _unquote(line))
        else:
            raise AssertionError(f"{path.name}:{number}: cannot read {raw!r}")
    return entries


ENTRIES = parse_po(PO_PATH)
HEADER = next(e for e in ENTRIES if e.msgid == "")
MESSAGES = [e for e in ENTRIES if e.msgid != ""]


def _label(entry):
    return f"line {entry.line}: {entry.msgid!r}"


def test_catalogue_has_messages():
    # Guards the reader: a parser that returned nothing would make every check below vacuous.
    assert len(MESSAGES) > 1000
    assert any(e.msgid_plural for e in MESSAGES)


def test_catalogue_header_declares_one_plural_form():
    assert "Language: id\n" in HEADER.msgstr[0]
    assert "Plural-Forms: nplurals=1; plural=0;" in HEADER.msgstr[0]


def test_catalogue_entries_are_translated():
    empty = [_label(e) for e in MESSAGES if not e.msgstr or any(not s for s in e.msgstr.values())]
    assert empty == []


def test_catalogue_entries_are_not_fuzzy():
    fuzzy = [_label(e) for e in ENTRIES if "fuzzy" in e.flags]
    assert fuzzy == []


def test_catalogue_plural_entries_have_exactly_one_form():
    wrong = [_label(e) for e in MESSAGES if e.msgid_plural and sorted(e.msgstr) != [0]]
    assert wrong == []


def test_catalogue_placeholders_match_the_msgid():
    mismatched = []
    for entry in MESSAGES:
        expected = set(PLACEHOLDER.findall(entry.msgid))
        if entry.msgid_plural:
            expected |= set(PLACEHOLDER.findall(entry.msgid_plural))
        for text in entry.msgstr.values():
            found = set(PLACEHOLDER.findall(text))
            if found != expected:
                mismatched.append(f"{_label(entry)}: {sorted(expected)} != {sorted(found)}")
    assert mismatched == []


def test_compiled_catalogue_serves_every_translation():
    """What Django serves for each msgid equals the .po: the .mo was compiled from this .po."""
    stale = []
    with translation.override("id"):
        for entry in MESSAGES:
            if entry.msgid_plural:
                served = translation.ngettext(entry.msgid, entry.msgid_plural, 2)
            elif entry.msgctxt is not None:
                served = translation.pgettext(entry.msgctxt, entry.msgid)
            else:
                served = translation.gettext(entry.msgid)
            if served != entry.msgstr[0]:
                stale.append(f"{_label(entry)}: served {served!r}")
    assert stale == []


def test_login_page_renders_in_indonesian_by_default(client):
    html = client.get(reverse("login")).content.decode()
    assert 'lang="id"' in html
    assert "Masuk ke INTAN BANJAR" in html
    assert "Kata sandi" in html
    assert "Log in to INTAN BANJAR" not in html


@pytest.mark.django_db
def test_catalogue_page_renders_in_indonesian_by_default(client):
    html = client.get("/katalog/").content.decode()
    assert "Inovasi Kabupaten Banjar" in html
    assert "Ajukan inovasi masyarakat" in html
    assert "Innovations of Banjar Regency" not in html
    assert "Submit a community innovation" not in html


@pytest.mark.django_db
def test_innovation_list_renders_in_indonesian_by_default(client, operator):
    client.force_login(operator)
    html = client.get(reverse("innovations:list")).content.decode()
    assert "Belum ada inovasi." in html
    assert "Judul, kode, atau ringkasan" in html
    assert "No innovations yet." not in html
