"""Aufbruch addresses users formally ("Sie"); django-allauth's German catalogue
says "du". aufbruch/locale/de/LC_MESSAGES/django.po overrides every such allauth
message (LOCALE_PATHS win over app catalogues). These tests fail when that
override is missing or not compiled, or when an allauth upgrade brings new
informal messages: then add them to the override and run compile_translations."""

import html
import re
from collections import Counter
from pathlib import Path

import allauth
import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

ALLAUTH_PO = Path(allauth.__file__).parent / "locale" / "de" / "LC_MESSAGES" / "django.po"
OVERRIDE_PO = Path(settings.PACKAGE_DIR) / "locale" / "de" / "LC_MESSAGES" / "django.po"

# Informal pronouns; word boundaries keep "Verzeichnis", "direkt", "Dienst" out.
INFORMAL = re.compile(r"\b(du|dich|dir|dein\w*)\b", re.IGNORECASE)
# Informal imperatives found in allauth's German texts ("Bitte gib ... ein").
IMPERATIVE = re.compile(
    r"\b(gib|wähle|versuche|melde|lass|klick|folge|überprüfe|kontaktiere|erstelle|bestätige"
    r"|verwende|rufe|verknüpfe)\b|\bhabe Geduld\b",
    re.IGNORECASE,
)
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{[^}]*\}")


def informal_words(text: str) -> list[str]:
    return [m.group(0) for m in INFORMAL.finditer(text)] + [
        m.group(0) for m in IMPERATIVE.finditer(text)
    ]


def msgstrs(entry: polib.POEntry) -> list[str]:
    return [entry.msgstr, *entry.msgstr_plural.values()]


def allauth_informal_entries() -> list[polib.POEntry]:
    """allauth's active (not obsolete) German entries that address the user informally."""
    po = polib.pofile(str(ALLAUTH_PO))
    return [
        e
        for e in po
        if not e.obsolete and e.translated() and any(informal_words(s) for s in msgstrs(e))
    ]


def lookups(entry: polib.POEntry) -> list[tuple[str, str]]:
    """(description, current translation) for an entry, via the matching gettext function."""
    if entry.msgid_plural:
        results = []
        for n in (1, 2, 5):
            if entry.msgctxt is not None:
                text = translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
            else:
                text = translation.ngettext(entry.msgid, entry.msgid_plural, n)
            results.append((f"n={n}", text))
        return results
    if entry.msgctxt is not None:
        return [("", translation.pgettext(entry.msgctxt, entry.msgid))]
    return [("", translation.gettext(entry.msgid))]


def page_text(content: bytes) -> str:
    """Visible text of an HTML page plus the texts of title/placeholder/aria-label/alt."""
    page = content.decode()
    attributes = re.findall(r'\s(?:title|placeholder|aria-label|alt)="([^"]*)"', page)
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.DOTALL | re.IGNORECASE)
    page = re.sub(r"<[^>]+>", " ", page)
    return html.unescape(" ".join([page, *attributes]))


# --- the catalogue -------------------------------------------------------------------------


def test_allauth_informal_messages_are_formal_in_german():
    entries = allauth_informal_entries()
    assert len(entries) > 20, "regex or allauth catalogue changed; informal entries not found"
    offending = {}
    with translation.override("de"):
        for entry in entries:
            for label, text in lookups(entry):
                words = informal_words(text)
                if words or text in (entry.msgid, entry.msgid_plural):
                    offending[f"{entry.msgctxt or ''}|{entry.msgid[:60]}|{label}"] = (
                        words,
                        text[:120],
                    )
    assert offending == {}, (
        f"{len(offending)} allauth message(s) still informal or untranslated: {offending}"
    )


def test_override_entries_match_allauth_messages():
    """Every override still exists in allauth (no stale msgid after an upgrade), is itself
    formal and keeps allauth's placeholders and line breaks."""
    allauth_po = polib.pofile(str(ALLAUTH_PO))
    allauth_entries = {(e.msgctxt, e.msgid): e for e in allauth_po if not e.obsolete}
    override = polib.pofile(str(OVERRIDE_PO))
    assert override.metadata["Language"] == "de"
    problems = []
    for entry in override:
        original = allauth_entries.get((entry.msgctxt, entry.msgid))
        if original is None:
            problems.append(("not an allauth msgid", entry.msgid))
            continue
        if entry.msgid_plural != original.msgid_plural:
            problems.append(("msgid_plural differs", entry.msgid))
        for new, old in zip(msgstrs(entry), msgstrs(original), strict=True):
            if informal_words(new):
                problems.append(("informal", entry.msgid, informal_words(new)))
            if Counter(PLACEHOLDER.findall(new)) != Counter(PLACEHOLDER.findall(entry.msgid)):
                problems.append(("placeholders", entry.msgid))
            if new.count("\n") != old.count("\n"):
                problems.append(("line breaks", entry.msgid))
    assert problems == []


# --- pages -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_login_page_addresses_users_formally(client):
    response = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    text = page_text(response.content)
    assert "Passwort" in text
    assert informal_words(text) == []


@pytest.mark.django_db
def test_failed_login_addresses_users_formally(client, user):
    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": "falsches-passwort"},
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert response.status_code == 200
    text = page_text(response.content)
    with translation.override("de"):
        error = translation.gettext(
            "The email address and/or password you specified are not correct."
        )
    assert error in text
    assert informal_words(text) == []
