"""Sample texts for the demo (German, as the city would write them), each
published as a revision marked "sample". The legal pages follow the structure
the law asks for; the contact data are placeholders that the operator fills
in. The Leichte Sprache texts follow the rules of the Netzwerk Leichte
Sprache: short sentences, one statement per sentence, hard words explained,
a picture where it helps."""

from __future__ import annotations

# Each idea status, in Leichte Sprache, in the order of the decision path.
# A test checks that every status of ideas.models.IdeaStatus is here.
STATUS_PATH_ORDER = [
    "submitted", "in_review", "pool", "decided", "feasibility", "pilot", "implemented",
    "declined", "merged",
]  # fmt: skip
STATUS_EASY: dict[str, tuple[str, str]] = {
    "submitted": (
        "idee",
        "Sie schreiben Ihre Idee auf.\nDann ist die Idee **eingereicht**.\n"
        "Das heißt: Die Stadt hat Ihre Idee bekommen.\nAlle können Ihre Idee jetzt lesen.",
    ),
    "in_review": (
        "pruefen",
        "Ein Mensch aus der Stadt-Verwaltung liest Ihre Idee.\n"
        "Dieser Mensch heißt **Digitale Lotsin** oder **Digitaler Lotse**.\n"
        "Die Lotsin prüft die Idee.\nDas heißt: Sie schaut genau hin.\n"
        "Dann schreibt die Stadt eine Antwort.\nDie Antwort steht bei Ihrer Idee.",
    ),
    "pool": (
        "sammeln",
        "Die Idee kommt in den **Projekt-Pool**.\n"
        "Der Projekt-Pool ist wie eine Kiste.\nIn der Kiste sind viele gute Ideen.\n"
        "Die Ideen warten dort auf eine Entscheidung.",
    ),
    "decided": (
        "beschluss",
        "Einmal im Jahr trifft sich ein **Ausschuss**.\n"
        "Ein Ausschuss ist eine Gruppe aus dem Stadt-Rat.\n"
        "Der Ausschuss entscheidet: Diese Idee wird ein Projekt.\n"
        "Dann ist die Idee **vom Ausschuss beschlossen**.\n"
        "Manche Ideen kommen zurück in den Projekt-Pool.\nSie warten dann auf das nächste Jahr.",
    ),
    "feasibility": (
        "pruefen",
        "Jetzt kommt die **Machbarkeits-Prüfung**.\n"
        "Die Stadt prüft 12 Monate lang:\nKann man die Idee wirklich machen?\n"
        "Was kostet die Idee?\nWer hilft mit?",
    ),
    "pilot": (
        "ausprobieren",
        "Dann probiert die Stadt die Idee aus.\nDas heißt **Real-Labor**.\n"
        "Ein Real-Labor ist ein Versuch im echten Leben.\n"
        "Zum Beispiel in einem Stadt-Teil.",
    ),
    "implemented": (
        "fertig",
        "Der Versuch hat geklappt.\nDie Stadt macht die Idee für alle.\n"
        "Dann ist die Idee **umgesetzt**.\nDas heißt: Die Idee ist fertig.",
    ),
    "declined": (
        "nein",
        "Manchmal geht eine Idee nicht.\nDann ist die Idee **abgelehnt**.\n"
        "Die Stadt schreibt immer den Grund auf.\nSo wissen Sie: Warum geht die Idee nicht?",
    ),
    "merged": (
        "zusammen",
        "Manchmal haben 2 Menschen fast die gleiche Idee.\n"
        "Dann macht die Stadt aus 2 Ideen 1 Idee.\nDas heißt **zusammengeführt**.\n"
        "Die Unterstützungen zählen dann für die eine Idee.",
    ),
}


def idea_path_body(labels: dict[str, str]) -> str:
    parts = [
        "Sie haben eine Idee für die Stadt.\nWas passiert jetzt mit Ihrer Idee?\n"
        "Das erklären wir hier.\nSchritt für Schritt.",
        "Bei jeder Idee steht der **Status**.\nDer Status sagt: Hier ist die Idee gerade.\n"
        "Jeder Schritt hat einen Namen.\nDer Name steht dick gedruckt.",
        "Sie bekommen bei jedem Schritt eine Nachricht.\n"
        "Auch wenn Sie die Idee nur unterstützen.\nOder wenn Sie der Idee folgen.",
    ]
    for step, value in enumerate(STATUS_PATH_ORDER[:7], start=1):
        picture, text = STATUS_EASY[value]
        parts.append(f"## Schritt {step}: {labels[value]}\n[[bild:{picture}]]\n{text}")
    parts.append("## Andere Wege")
    for value in STATUS_PATH_ORDER[7:]:
        picture, text = STATUS_EASY[value]
        parts.append(
            f"### {labels[value][:1].upper()}{labels[value][1:]}\n[[bild:{picture}]]\n{text}"
        )
    return "\n\n".join(parts)


def pages_sample(city: str) -> dict[str, tuple[str, str]]:
    """slug → (title, body)."""
    return {
        "about": (
            "Über die Plattform",
            f"""Der „Digitale Aufbruch“ ist der Beteiligungsprozess der Stadt {city} zur digitalen Transformation: Bürgerinnen und Bürger, Verwaltung und Politik fragen gemeinsam, wie wir in einer digitalen Stadt leben, arbeiten und lernen wollen.

Auf dieser Plattform reichen Sie Ideen ein, unterstützen und kommentieren sie, melden sich zu Veranstaltungen an, beantworten Umfragen und verfolgen, was aus jeder Idee wird. Jede Idee bekommt eine Antwort der Verwaltung.

Diese Plattform ist Open Source (Aufbruch, EUPL-1.2). Alle öffentlichen Inhalte stehen auch als offene Daten über die [Programmierschnittstelle](/api/v1/docs) bereit.

## Datenquellen der Demo

Die Demo-Inhalte verwenden Aussagen aus dem Pol.is-Gespräch „Produktion und Konsum“ des österreichischen Klimarats 2022.

> Data was gathered using the Polis software (compdemocracy.org/polis) and is sub-licensed under CC BY 4.0 with Attribution to The Computational Democracy Project. The data and more information about how the data was collected can be found at https://compdemocracy.org/case-studies/2022-Austria-Klimarat""",
        ),
        "netiquette": (
            "Netiquette",
            """Diese Plattform lebt von einem respektvollen Austausch. Bitte beachten Sie:

- Bleiben Sie sachlich und respektvoll. Beleidigungen, Diskriminierung und Drohungen werden ausgeblendet.
- Veröffentlichen Sie keine personenbezogenen Daten anderer Menschen.
- Keine Werbung, kein Spam, keine rechtswidrigen Inhalte.
- Bleiben Sie beim Thema der Idee oder Diskussion.

Beiträge, die gegen diese Regeln verstoßen, können Sie über „Melden“ an die Moderation geben. Die Moderation blendet solche Beiträge mit Begründung aus; sie werden nicht gelöscht, und die Verfasserin oder der Verfasser sieht den Grund. Wer wiederholt gegen die Netiquette verstößt, kann für eine Zeit gesperrt werden.""",
        ),
        "imprint": (
            "Impressum",
            f"""## Anbieterin

Stadt {city}
Der Bürgermeister
Musterstraße 1 (Mustertext)
33330 {city}

Die Stadt {city} ist eine Gebietskörperschaft des öffentlichen Rechts. Sie wird vertreten durch den Bürgermeister.

## Kontakt

Telefon: 05241 000000 (Mustertext)
E-Mail: [aufbruch@demo.aufbruch.invalid](mailto:aufbruch@demo.aufbruch.invalid)
Kontaktformular und Sprechzeiten: siehe [Kontakt](/contact/)

## Aufsichtsbehörde

Bezirksregierung Detmold (Kommunalaufsicht)

## Umsatzsteuer-Identifikationsnummer

DE000000000 (Mustertext; entfällt, wenn die Stadt keine hat)

## Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV

Programmbüro Digitaler Aufbruch, Leitung: Name der verantwortlichen Person (Mustertext), Anschrift wie oben

## Technik

Die Plattform „Aufbruch“ ist Open-Source-Software unter der EUPL-1.2.""",
        ),
        "privacy": (
            "Datenschutzerklärung",
            f"""## Verantwortliche Stelle

Stadt {city}, Der Bürgermeister, Musterstraße 1, 33330 {city} (Mustertext). E-Mail: [aufbruch@demo.aufbruch.invalid](mailto:aufbruch@demo.aufbruch.invalid)

## Datenschutzbeauftragte

Die behördliche Datenschutzbeauftragte der Stadt {city} erreichen Sie unter [datenschutz@demo.aufbruch.invalid](mailto:datenschutz@demo.aufbruch.invalid) oder per Post an die oben genannte Anschrift mit dem Zusatz „Datenschutzbeauftragte“ (Mustertext).

## Welche Daten wir zu welchem Zweck verarbeiten

- **Konto:** E-Mail-Adresse und Passwort (verschlüsselt gespeichert), damit Sie sich anmelden und benachrichtigt werden können. Nie öffentlich.
- **Anzeigename:** erscheint bei Ihren Beiträgen; ein Pseudonym ist erlaubt.
- **Geburtsjahr und Stadtteil (freiwillig):** für den U30-Beirat und für anonyme Statistiken, welche Gruppen noch fehlen. Statistiken zeigen nur Gruppen ab 10 Personen.
- **Beiträge:** Ideen, Kommentare, Unterstützungen, Anmeldungen zu Veranstaltungen und Antworten auf Umfragen – damit die Beteiligung stattfinden und nachvollzogen werden kann.
- **Schutz vor Missbrauch:** Für die Ratenbegrenzung wird nur ein kurzlebiger, nicht umkehrbarer Hashwert Ihrer IP-Adresse verwendet; IP-Adressen selbst werden nicht gespeichert.
- **Protokoll:** Jede Änderung (z. B. eine Statusänderung durch die Verwaltung) wird im Prüfprotokoll festgehalten, damit die Entscheidungen nachvollziehbar bleiben.

## Rechtsgrundlagen

- Art. 6 Abs. 1 lit. e DSGVO in Verbindung mit § 3 DSG NRW: Die Beteiligung der Einwohnerinnen und Einwohner ist eine Aufgabe im öffentlichen Interesse.
- Art. 6 Abs. 1 lit. a DSGVO (Einwilligung): für freiwillige Angaben wie Geburtsjahr und Stadtteil und für Benachrichtigungen per E-Mail. Sie können die Einwilligung jederzeit im Profil widerrufen.
- Art. 6 Abs. 1 lit. c DSGVO: wo uns ein Gesetz zur Aufbewahrung verpflichtet.

## Empfänger und Kartendienst

Ihre Daten werden nicht verkauft und nicht für Werbung genutzt. Die Plattform lädt keine Schriften, Skripte oder Statistik-Dienste von anderen Anbietern.

Es gibt **einen** Dienst außerhalb der Stadt, den Ihr Browser ansprechen kann: **den Kartendienst basemap.de**. Auf Seiten mit einer Karte lädt Ihr Browser Kartenkacheln von basemap.de, einem Angebot des **Bundesamts für Kartographie und Geodäsie (BKG)**, Richard-Strauss-Allee 11, 60598 Frankfurt am Main, gemeinsam mit den Vermessungsverwaltungen der Länder. Dabei erhält das BKG Ihre IP-Adresse und die Adresse der abgerufenen Kachel, wie bei jedem Abruf einer Webseite; es erhält keine Angaben zu Ihrem Konto. Rechtsgrundlage ist Art. 6 Abs. 1 lit. e DSGVO (Darstellung des Ortsbezugs einer Idee). Wenn die Stadt einen eigenen Kartendienst einstellt, nennt sie ihn hier. Auf Seiten ohne Karte wird basemap.de nicht angesprochen.

## Speicherdauer

- Konto und Beiträge: bis Sie Ihr Konto löschen. Ihre Beiträge bleiben dann als „gelöschtes Konto“ sichtbar, Ihre personenbezogenen Daten werden entfernt.
- Unbestätigte Anmeldungen von Gästen zu Veranstaltungen: 7 Tage, dann gelöscht.
- Die zufällige Browser-Kennung der Live-Beteiligung im Saal: 30 Tage, dann gelöscht; die Zahl der Stimmen bleibt.
- Hashwerte von IP-Adressen für die Ratenbegrenzung: höchstens eine Stunde.
- Details im Prüfprotokoll (z. B. geänderte Felder): 365 Tage, dann geleert; wer wann was getan hat, bleibt nachvollziehbar.
- Abgelaufene Anmeldesitzungen im Browser: werden regelmäßig gelöscht.

## Ihre Rechte

Sie haben das Recht auf Auskunft (Art. 15 DSGVO), Berichtigung (Art. 16), Löschung (Art. 17), Einschränkung der Verarbeitung (Art. 18), Datenübertragbarkeit (Art. 20) und Widerspruch (Art. 21). In Ihrem Profil können Sie jederzeit alle Ihre Daten herunterladen (JSON) und Ihr Konto löschen.

Sie können sich bei der Aufsichtsbehörde beschweren (Art. 77 DSGVO): Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen (LDI NRW), Düsseldorf.""",
        ),
        "accessibility": (
            "Erklärung zur Barrierefreiheit",
            f"""Die Stadt {city} ist bemüht, diese Plattform im Einklang mit dem Behindertengleichstellungsgesetz NRW und der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0 / BITV NRW) barrierefrei zugänglich zu machen. Diese Erklärung gilt für die Beteiligungsplattform „Digitaler Aufbruch“.

## Stand der Vereinbarkeit mit den Anforderungen

Diese Plattform ist **teilweise** mit den Anforderungen der BITV 2.0 und der WCAG 2.1 auf Stufe AA vereinbar. Jede Seite wird in automatisierten Tests mit axe-core geprüft; alle Funktionen sind per Tastatur und ohne JavaScript nutzbar und funktionieren ab 320 Pixel Breite.

## Nicht barrierefreie Inhalte

- **Videos in Gebärdensprache:** Die Stadt stellt die Videos in Deutscher Gebärdensprache nach und nach ein. Bis dahin zeigt die Seite Platzhalter.
- **Karten:** Die Karten der Ideen sind für blinde Menschen nicht nutzbar. Alle Orte stehen zusätzlich als Text (Stadtteil) bei der Idee.
- **Dokumente von Dritten:** Hochgeladene PDF-Dokumente, zum Beispiel Vorlagen von Ausschüssen, sind nicht immer barrierefrei. Auf Anfrage schicken wir sie Ihnen in einem zugänglichen Format.
- **Beiträge der Nutzerinnen und Nutzer** sind nicht in Leichter Sprache.

## Erstellung dieser Erklärung

Diese Erklärung wurde am 1. Dezember 2026 erstellt (Mustertext). Grundlage ist eine Selbstbewertung mit automatisierten Tests und einer Prüfung per Tastatur und Bildschirmleser. Die Erklärung wird jährlich und nach jeder größeren Änderung überprüft.

## Barriere melden: Feedback und Kontakt

Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen? Oder brauchen Sie einen Inhalt in einer anderen Form? Dann schreiben Sie uns:

- E-Mail: [barrierefreiheit@demo.aufbruch.invalid](mailto:barrierefreiheit@demo.aufbruch.invalid) (Mustertext)
- Telefon: 05241 000000 (Mustertext)
- Post: Stadt {city}, Programmbüro Digitaler Aufbruch, Musterstraße 1, 33330 {city}

Wir antworten innerhalb von vier Wochen.

## Durchsetzungsverfahren und Schlichtung

Wenn wir auf Ihre Meldung nicht oder nicht zufriedenstellend antworten, können Sie sich an die **Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen** wenden (bei der bzw. dem Landesbeauftragten für Menschen mit Behinderung NRW). Das Verfahren ist kostenlos; Sie brauchen keinen Anwalt. Kontaktdaten: von der Betreiberin einzutragen (Mustertext). Für Stellen des Bundes ist stattdessen die Schlichtungsstelle nach § 16 BGG zuständig.

## Leichte Sprache und Gebärdensprache

Die wichtigsten Informationen dieser Plattform gibt es auch [in Leichter Sprache](/leichte-sprache/) und [in Deutscher Gebärdensprache](/gebaerdensprache/). Diese Erklärung gibt es auch [in Leichter Sprache](/leichte-sprache/barrierefreiheit/).""",
        ),
        "contact": (
            "Kontakt",
            f"""## Programmbüro Digitaler Aufbruch

Stadt {city}
Programmbüro Digitaler Aufbruch
Musterstraße 1 (Mustertext)
33330 {city}

- E-Mail: [aufbruch@demo.aufbruch.invalid](mailto:aufbruch@demo.aufbruch.invalid)
- Telefon: 05241 000000 (Mustertext), Montag bis Donnerstag 9–15 Uhr, Freitag 9–12 Uhr
- Fax: 05241 000001 (Mustertext)

## Hilfe vor Ort

Die Digitalen Lotsinnen und Lotsen der Fachbereiche helfen Ihnen im Bürgerbüro, eine Idee einzureichen. Ideen auf Papier nehmen alle Bürgerbüros und die Stadtbibliothek an; die Verwaltung gibt sie für Sie ein.

## Datenschutz und Barrierefreiheit

Fragen zum Datenschutz richten Sie an die [Datenschutzbeauftragte](/privacy/). Barrieren melden Sie über die [Erklärung zur Barrierefreiheit](/accessibility/).""",
        ),
        "help": (
            "Hilfe",
            """## So funktioniert die Plattform

- **Lesen:** Alle Ideen, Antworten der Verwaltung, Veranstaltungen und Ergebnisse können Sie ohne Konto lesen.
- **Mitmachen:** Mit einem Konto reichen Sie Ideen ein, unterstützen und kommentieren sie, folgen Ideen und melden sich zu Veranstaltungen an.
- **Verfolgen:** Bei jeder Idee steht ihr Status. Sie werden bei jedem Schritt benachrichtigt, wenn Sie die Idee eingereicht, unterstützt oder ihr gefolgt sind.

## Hilfe bekommen

- Per E-Mail oder Telefon beim Programmbüro: siehe [Kontakt](/contact/).
- Persönlich bei den Digitalen Lotsinnen und Lotsen im Bürgerbüro.
- Auf Papier: Ideenkarten liegen im Bürgerbüro und in der Stadtbibliothek aus. Die Verwaltung gibt Ihre Idee für Sie ein.

## Barrierefreiheit

Die Plattform funktioniert per Tastatur, mit Bildschirmlesern, ohne JavaScript und auf kleinen Bildschirmen. Mehr steht in der [Erklärung zur Barrierefreiheit](/accessibility/).""",
        ),
    }


def easy_language_sample(city: str, labels: dict[str, str]) -> dict[str, tuple[str, str]]:
    return {
        "was-ist-der-digitale-aufbruch": (
            "Was ist der Digitale Aufbruch?",
            f"""[[bild:idee]]
Die Stadt {city} will digitaler werden.
**Digital** heißt: mit Computer und Internet.
Die Stadt fragt alle Menschen in {city}:
Wie wollen wir in Zukunft leben?
Wie wollen wir arbeiten und lernen?
Das heißt **Digitaler Aufbruch**.

## Was steht auf dieser Internet-Seite?

[[bild:lesen]]
Hier stehen Ideen von Menschen aus {city}.
Jeder Mensch kann eine Idee aufschreiben.
Die Stadt antwortet auf jede Idee.

[[bild:termin]]
Hier stehen auch Termine.
Zum Beispiel für Treffen in der Stadt.

## So finden Sie sich zurecht

Oben auf jeder Seite ist ein Menü.
Dort klicken Sie auf **Ideen**.
Dann sehen Sie alle Ideen.
Oder Sie klicken auf **Veranstaltungen**.
Dann sehen Sie alle Termine.

Ganz oben stehen 2 Links:
**Leichte Sprache** und **Gebärdensprache**.
Dort finden Sie diese Seiten wieder.""",
        ),
        "mitmachen": (
            "So können Sie mitmachen",
            """Sie können auf 6 Arten mitmachen.

## 1. Lesen

[[bild:lesen]]
Sie können alle Ideen lesen.
Dafür brauchen Sie kein Konto.

## 2. Anmelden

[[bild:anmelden]]
Für alles andere brauchen Sie ein **Konto**.
Ein Konto ist wie ein Ausweis für die Internet-Seite.
Sie klicken oben auf **Registrieren**.
Sie schreiben Ihre E-Mail-Adresse auf.
Und Sie denken sich ein Passwort aus.
Ein Passwort ist ein geheimes Wort.
Nur Sie kennen das Passwort.

## 3. Eine Idee schreiben

[[bild:schreiben]]
Sie klicken auf **Idee einreichen**.
Sie schreiben Ihre Idee auf.
Sie schreiben auch:
Für welchen Teil der Stadt ist die Idee?

## 4. Eine Idee unterstützen

[[bild:unterstuetzen]]
Ihnen gefällt eine Idee?
Dann klicken Sie auf **Unterstützen**.
Viele Unterstützungen zeigen der Stadt:
Diese Idee ist wichtig.

## 5. Einen Kommentar schreiben

[[bild:kommentar]]
Unter jeder Idee können Sie etwas schreiben.
Das heißt **Kommentar**.
Bitte schreiben Sie freundlich.

## 6. Zu einem Treffen kommen

[[bild:termin]]
Die Stadt macht Treffen.
Dort sprechen Menschen über Ideen.
Sie klicken auf **Veranstaltungen**.
Dort melden Sie sich an.""",
        ),
        "was-mit-ideen-passiert": ("Was passiert mit meiner Idee?", idea_path_body(labels)),
        "hilfe": (
            "So bekommen Sie Hilfe",
            f"""Sie brauchen Hilfe?
Das ist nicht schlimm.
Wir helfen Ihnen gern.

## Anrufen

[[bild:telefon]]
Sie können uns anrufen.
Die Telefon-Nummer ist: 05241 000000.
(Das ist eine Beispiel-Nummer.)
Wir sind da: Montag bis Freitag von 9 bis 12 Uhr.

## Eine E-Mail schreiben

[[bild:post]]
Sie können uns eine E-Mail schreiben.
Die Adresse ist: aufbruch@demo.aufbruch.invalid
(Das ist eine Beispiel-Adresse.)

## Die Digitalen Lotsen fragen

[[bild:helfen]]
In der Stadt-Verwaltung arbeiten **Digitale Lotsen**.
Ein Lotse zeigt anderen den Weg.
Die Digitalen Lotsen helfen Ihnen.
Zum Beispiel beim Schreiben von Ihrer Idee.
Sie finden die Lotsen im Bürger-Büro.

## Auf Papier mitmachen

[[bild:papier]]
Sie haben keinen Computer?
Dann schreiben Sie Ihre Idee auf Papier.
Das Papier heißt **Ideen-Karte**.
Die Karten gibt es im Bürger-Büro in {city}.
Und in der Stadt-Bibliothek.
Die Stadt schreibt Ihre Idee dann in den Computer.""",
        ),
        "barrierefreiheit": (
            "Barriere-Freiheit",
            """[[bild:rollstuhl]]
Alle Menschen sollen diese Internet-Seite benutzen können.
Auch Menschen mit Behinderung.
Das heißt **barriere-frei**.

## Was gut ist

Sie können die Seite mit der Tastatur benutzen.
Sie können die Seite auf dem Handy benutzen.
Ein Computer kann Ihnen die Seite vorlesen.
Es gibt Seiten in Leichter Sprache.

## Was noch nicht gut ist

Die Videos in Gebärden-Sprache fehlen noch.
Die Karten sind für blinde Menschen schwer.
Manche Dokumente sind schwer zu lesen.
Wir arbeiten daran.

## Sie finden eine Barriere?

[[bild:post]]
Eine **Barriere** ist ein Hindernis.
Zum Beispiel: Ein Knopf geht nicht.
Oder ein Text ist zu schwer.
Dann sagen Sie es uns bitte.
Schreiben Sie eine E-Mail an: barrierefreiheit@demo.aufbruch.invalid
(Das ist eine Beispiel-Adresse.)
Wir antworten in 4 Wochen.

## Wir antworten nicht?

Dann können Sie sich beschweren.
Es gibt eine Stelle vom Land Nordrhein-Westfalen.
Die Stelle heißt **Ombuds-Stelle**.
Die Ombuds-Stelle hilft Ihnen.
Das kostet nichts.

Die ganze Erklärung in schwerer Sprache finden Sie [hier](/accessibility/).""",
        ),
    }
