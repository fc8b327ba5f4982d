"""Demo: the U30 board "Morgenmacher" and the think lab "Denklabor Digitale Bildung".

The texts the city writes address young people with "Sie", as every other
page does (the decision and its reasons: docs/language.md)."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from aufbruch.ideas.models import Idea

from .models import Board, BoardKind
from .selectors import youngest_possible_age
from .services import (
    application_decide,
    application_submit,
    board_call_open,
    board_create,
    membership_record_consent,
    membership_set_visibility,
    needs_guardian_consent,
)
from .voting import (
    recommendation_answer,
    recommendation_close_vote,
    recommendation_comment,
    recommendation_draft,
    recommendation_open_vote,
    vote_cast,
)
from .workspace import document_upload, meeting_record, thread_create

MORGENMACHER_PURPOSE = (
    "Die Morgenmacher sind der U30-Beirat des Digitalen Aufbruchs Gütersloh: etwa zwanzig junge Menschen "
    "zwischen 13 und Ende zwanzig, ausgewählt über einen offenen Aufruf. Sie geben der jungen Generation eine "
    "formale Stimme im Prozess, beraten Verwaltung und Politik und veröffentlichen Empfehlungen, auf die die "
    "Verwaltung antwortet.\n\nIhre Themen: niedrigschwellige Beteiligung ohne Vereinsmitgliedschaft, ein "
    "gebündelter Informationskanal und besserer Self-Service der Verwaltung."
)
DENKLABOR_PURPOSE = (
    "Im Denklabor Digitale Bildung arbeiten Bürgerinnen und Bürger als Expertinnen und Experten aus Schule, "
    "Ausbildung und Weiterbildung zusammen mit einem Mitglied des Verwaltungsvorstands und einer externen Expertin."
)


def _join(board, users, office, *, motivation: str) -> list:
    today = timezone.localdate()
    members = []
    for i, user in enumerate(users):
        app = application_submit(
            board=board, applicant=user, motivation=motivation, birth_year=user.birth_year
        )
        application_decide(
            application=app, actor=office, accept=True, message="Herzlich willkommen!"
        )
        membership = app.membership
        if needs_guardian_consent(app.birth_year, today):
            membership = membership_record_consent(
                membership=membership,
                actor=office,
                guardian_name="Erziehungsberechtigte Person",
                given_on=today - timedelta(days=2),
                method="paper",
            )
        if i % 4 != 3:
            membership_set_visibility(membership=membership, user=user, show_publicly=True)
        members.append(user)
    return members


def seed_boards(ctx) -> None:
    if Board.objects.exists():
        return
    office = ctx.shared["staff"]["office"]
    guides = ctx.shared["staff"].get("guides", {})
    now = timezone.now()

    board = board_create(
        actor=office,
        name="Morgenmacher",
        slug="morgenmacher",
        purpose=MORGENMACHER_PURPOSE,
        kind=BoardKind.YOUTH,
        max_age=30,
        size=25,
        term_start=date(2019, 10, 1),
        members_public=True,
        quorum_percent=50,
    )
    board_call_open(
        board=board,
        actor=office,
        deadline=now + timedelta(days=30),
        # Youth pages address people with "Sie" like every page (docs/language.md).
        text="Sie sind unter 30 und wollen mitreden, wie Gütersloh digital wird? Bewerben Sie sich mit ein "
        "paar Sätzen, einem Foto oder einem kurzen Video. Wer unter 16 ist, braucht die Einwilligung einer "
        "erziehungsberechtigten Person: Nach der Bewerbung steht auf Ihrer Bewerbungsseite, wie sie zu uns kommt.",
    )
    today = timezone.localdate()
    youth = [
        u
        for u in ctx.shared.get("youth", [])
        if u.birth_year and youngest_possible_age(u.birth_year, today) < 30
    ][:20]
    members = _join(
        board,
        youth,
        office,
        motivation="Ich möchte, dass junge Menschen in Gütersloh mitreden können.",
    )
    if not members:
        return
    thread = thread_create(
        board=board,
        author=members[0],
        title="Ideen für unser erstes Treffen",
        body="Was wollen wir als Erstes angehen? Ich fände einen gebündelten Infokanal wichtig.",
    )
    from .workspace import post_create

    for m in members[1:4]:
        post_create(thread=thread, author=m, body="Ja, und Beteiligung ohne Vereinsmitgliedschaft!")
    meeting_record(
        board=board,
        actor=office,
        title="Auftakt der Morgenmacher",
        starts_at=timezone.make_aware(timezone.datetime(2019, 10, 1, 17, 0)),
        minutes="Vorstellung, Erwartungen, erste Themen: Infokanal, Self-Service, Beteiligung ohne Hürden.",
    )
    document_upload(
        board=board,
        actor=office,
        title="Geschäftsordnung (Entwurf)",
        upload=SimpleUploadedFile(
            "geschaeftsordnung.txt",
            "Geschäftsordnung der Morgenmacher\n\n§ 1 ...".encode(),
            "text/plain",
        ),
    )

    ideas = list(Idea.objects.filter(is_hidden=False).order_by("-support_count")[:2])
    published = recommendation_draft(
        board=board,
        author=members[0],
        title="Ein gebündelter Informationskanal für junge Menschen",
        body="Die Stadt soll alle Beteiligungsangebote für junge Menschen an einer Stelle bündeln – "
        "auf dem Handy, ohne Anmeldung lesbar, mit Erinnerungen.",
        ideas=ideas[:1],
    )
    recommendation_comment(
        recommendation=published, author=members[1], body="Gute Idee, bitte auch als Newsletter."
    )
    recommendation_open_vote(
        recommendation=published, actor=members[0], closes_at=now + timedelta(days=7)
    )
    for i, m in enumerate(members):
        vote_cast(recommendation=published, voter=m, choice="yes" if i % 5 else "abstain")
    published = recommendation_close_vote(recommendation=published, actor=office)
    if published.published_at and ideas:
        idea = ideas[0]
        department = idea.department or next(iter(ctx.shared.get("departments", [])), None)
        answerer = guides.get(department.slug, office) if department else office
        if department is not None:
            if idea.department_id != department.pk:
                answerer = office
            recommendation_answer(
                recommendation=published,
                actor=answerer,
                department=department,
                body="Vielen Dank. Wir prüfen, wie sich die Angebote im Bürgerportal bündeln lassen, und berichten im Hauptausschuss.",
            )

    draft = recommendation_draft(
        board=board,
        author=members[1],
        title="Self-Service: Anträge vollständig online",
        body="Wir empfehlen, die zehn häufigsten Anträge bis Ende des Jahres vollständig online anzubieten.",
        ideas=ideas[1:2],
    )
    recommendation_open_vote(
        recommendation=draft, actor=members[1], closes_at=now + timedelta(days=10)
    )
    for m in members[:6]:
        vote_cast(recommendation=draft, voter=m, choice="yes")

    lab = board_create(
        actor=office,
        name="Denklabor Digitale Bildung",
        slug="denklabor-digitale-bildung",
        purpose=DENKLABOR_PURPOSE,
        kind=BoardKind.THINK_LAB,
        size=12,
        term_start=date(2019, 6, 1),
        term_end=date(2020, 6, 30),
        quorum_percent=50,
    )
    board_call_open(board=lab, actor=office, deadline=now + timedelta(days=14))
    youth_ids = {u.pk for u in youth}
    experts = [
        u for u in ctx.shared.get("participants", []) if u.pk not in youth_ids and u.birth_year
    ][:8]
    _join(
        lab,
        experts,
        office,
        motivation="Ich arbeite in der Bildung und bringe Erfahrung aus der Praxis mit.",
    )
