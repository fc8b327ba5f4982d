"""The pages the platform has, at fixed addresses, and what each must say.

The office writes the text; this list says where a page is shown and gives
the office a checklist of what the law or the programme expects on it."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import PageKind


@dataclass(frozen=True)
class PageSpec:
    slug: str
    kind: str
    title: Promise
    checklist: Promise
    url_name: str = ""

    def get_absolute_url(self) -> str:
        if self.kind == PageKind.EASY_LANGUAGE:
            return reverse("easy_language_page", kwargs={"slug": self.slug})
        return reverse(self.url_name)


PAGES: list[PageSpec] = [
    PageSpec(
        "about",
        PageKind.INFO,
        _("About the platform"),
        _("What the Digitaler Aufbruch is, who runs it, the licence, the sources of the data."),
        "about",
    ),
    PageSpec(
        "netiquette",
        PageKind.INFO,
        _("Netiquette"),
        _("Rules of conduct and what moderation does when they are broken."),
        "netiquette",
    ),
    PageSpec(
        "imprint",
        PageKind.LEGAL,
        _("Imprint"),
        _(
            "§ 5 DDG: name and postal address of the city, who represents it, e-mail and "
            "telephone for fast contact, supervisory authority, VAT ID if any; the person "
            "responsible for the content (§ 18 (2) MStV)."
        ),
        "imprint",
    ),
    PageSpec(
        "privacy",
        PageKind.LEGAL,
        _("Privacy notice"),
        _(
            "Art. 13 GDPR: the controller, the data protection officer, each purpose with its "
            "legal basis, recipients (the map tile provider), retention periods, the rights of "
            "data subjects and the right to complain to the supervisory authority."
        ),
        "privacy",
    ),
    PageSpec(
        "accessibility",
        PageKind.LEGAL,
        _("Accessibility statement"),
        _(
            "BITV 2.0: state of compliance, content that is not accessible and why, how the "
            "statement was made and its date, the feedback mechanism with contact, the "
            "enforcement procedure (arbitration body), links to Leichte Sprache and DGS."
        ),
        "accessibility",
    ),
    PageSpec(
        "contact",
        PageKind.LEGAL,
        _("Contact"),
        _("Postal address, telephone with hours, e-mail, the programme office, help on site."),
        "contact",
    ),
    PageSpec(
        "help",
        PageKind.HELP,
        _("Help"),
        _(
            "How to use the platform, where to get help, links to Leichte Sprache, DGS and "
            "the paper forms."
        ),
        "help",
    ),
    PageSpec(
        "was-ist-der-digitale-aufbruch",
        PageKind.EASY_LANGUAGE,
        _("What is the Digitaler Aufbruch?"),
        _("Leichte Sprache: what the site holds and how to find one's way around it."),
    ),
    PageSpec(
        "mitmachen",
        PageKind.EASY_LANGUAGE,
        _("How to take part"),
        _("Leichte Sprache: read, register, write an idea, support, comment, come to an event."),
    ),
    PageSpec(
        "was-mit-ideen-passiert",
        PageKind.EASY_LANGUAGE,
        _("What happens to an idea"),
        _("Leichte Sprache: every step of the status path, one after the other."),
    ),
    PageSpec(
        "hilfe",
        PageKind.EASY_LANGUAGE,
        _("Getting help"),
        _("Leichte Sprache: telephone, e-mail, the Digitale Lotsen, paper forms."),
    ),
    PageSpec(
        "barrierefreiheit",
        PageKind.EASY_LANGUAGE,
        _("Accessibility in Leichte Sprache"),
        _("Leichte Sprache: what the accessibility statement says and how to give feedback."),
    ),
]
PAGES_BY_SLUG = {spec.slug: spec for spec in PAGES}
EASY_LANGUAGE_PAGES = [spec for spec in PAGES if spec.kind == PageKind.EASY_LANGUAGE]


@dataclass(frozen=True)
class SignTopic:
    key: str
    title: Promise
    placeholder: Promise


SIGN_TOPICS: list[SignTopic] = [
    SignTopic(
        "about",
        _("What is the Digitaler Aufbruch?"),
        _(
            "A video in German Sign Language belongs here: what this platform is, what it "
            "holds and how to find your way around it."
        ),
    ),
    SignTopic(
        "participate",
        _("How to take part"),
        _(
            "A video in German Sign Language belongs here: how to read, register, write an "
            "idea, support, comment and come to an event."
        ),
    ),
    SignTopic(
        "idea-path",
        _("What happens to an idea"),
        _(
            "A video in German Sign Language belongs here: every step of an idea, from "
            "submission to the decision."
        ),
    ),
    SignTopic(
        "help",
        _("Getting help"),
        _(
            "A video in German Sign Language belongs here: how to reach the city by e-mail, "
            "fax or in person, and how the Digitale Lotsen help."
        ),
    ),
    SignTopic(
        "accessibility",
        _("Accessibility statement"),
        _(
            "A video in German Sign Language belongs here: what the accessibility statement "
            "says and how to report a barrier."
        ),
    ),
]
SIGN_TOPICS_BY_KEY = {topic.key: topic for topic in SIGN_TOPICS}

# Pictograms for the Leichte Sprache pages (static/pages/pictograms/<name>.svg),
# placed with a line "[[bild:<name>]]".
PICTOGRAMS: dict[str, Promise] = {
    "idee": _("a light bulb: an idea"),
    "lesen": _("an eye: reading"),
    "anmelden": _("a person with a plus sign: register"),
    "schreiben": _("a pencil: writing"),
    "unterstuetzen": _("a thumb up: support"),
    "kommentar": _("a speech bubble: comment"),
    "termin": _("a calendar: an event"),
    "pruefen": _("a magnifying glass: checking"),
    "sammeln": _("a box: the project pool"),
    "beschluss": _("a hammer: a decision"),
    "ja": _("a tick: yes"),
    "nein": _("a cross: no"),
    "ausprobieren": _("a flask: trying out"),
    "fertig": _("a star: done"),
    "zusammen": _("two arrows that meet: merged"),
    "telefon": _("a telephone"),
    "post": _("an envelope: e-mail"),
    "helfen": _("two people: help"),
    "papier": _("a sheet of paper: a form"),
    "rollstuhl": _("a wheelchair: accessibility"),
}
