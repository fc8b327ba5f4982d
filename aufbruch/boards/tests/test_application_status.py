"""After applying: the board page says so, a confirmation mail arrives, and
an applicant under 16 learns exactly how the guardian's consent reaches the
office (printable form, address, deadline) on a page instead of a 404."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from aufbruch.boards import services
from aufbruch.boards.models import BoardApplication
from aufbruch.core.testing import UserFactory
from aufbruch.notifications.models import Notification

from .conftest import ADULT_YEAR, MINOR_YEAR

pytestmark = pytest.mark.django_db


def apply(client, board, person, birth_year, django_capture_on_commit_callbacks):
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            reverse("boards:apply", args=[board.slug]),
            {"motivation": "Ich will mitreden.", "birth_year": str(birth_year)},
        )


def test_adult_applicant_gets_a_confirmation_mail_and_no_second_apply_button(
    client, board, django_capture_on_commit_callbacks
):
    person = UserFactory(display_name="Bea")
    response = apply(client, board, person, ADULT_YEAR, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == reverse("boards:my_application", args=[board.slug])
    (message,) = mail.outbox
    assert message.to == [person.email]
    assert "Ihre Bewerbung bei Morgenmacher ist eingegangen" in message.subject
    assert "Einwilligung" not in message.body
    page = client.get(board.get_absolute_url()).content.decode()
    assert "Jetzt bewerben" not in page
    assert "Sie haben sich am" in page and "Ihre Bewerbung ansehen" in page
    status = client.get(reverse("boards:my_application", args=[board.slug])).content.decode()
    assert "Das Programmbüro entscheidet über Ihre Bewerbung" in status
    assert "Einwilligungserklärung" not in status
    # adults have no consent form
    assert client.get(reverse("boards:consent_form", args=[board.slug])).status_code == 404


def test_minor_is_told_how_the_consent_reaches_the_office(
    client, board, settings, django_capture_on_commit_callbacks
):
    settings.PROGRAMME_OFFICE_ADDRESS = "Programmbüro, Berliner Straße 70, 33330 Gütersloh"
    settings.PROGRAMME_OFFICE_EMAIL = "aufbruch@guetersloh.example"
    person = UserFactory(display_name="Tom")
    apply(client, board, person, MINOR_YEAR, django_capture_on_commit_callbacks)
    application = BoardApplication.objects.get(applicant=person)
    deadline = (timezone.localtime(application.created_at) + timedelta(days=28)).date()
    german_deadline = f"{deadline.day}. "
    (message,) = mail.outbox
    assert "Berliner Straße 70" in message.body and german_deadline in message.body
    assert reverse("boards:my_application", args=[board.slug]) in message.body
    status = client.get(reverse("boards:my_application", args=[board.slug])).content.decode()
    assert "Wie die Einwilligung zu uns kommt" in status
    assert "Berliner Straße 70, 33330 Gütersloh" in status
    assert "aufbruch@guetersloh.example" in status
    assert reverse("boards:consent_form", args=[board.slug]) in status
    form = client.get(reverse("boards:consent_form", args=[board.slug]))
    assert form.status_code == 200
    html = form.content.decode()
    assert "Tom" in html and str(MINOR_YEAR) in html and "Unterschrift" in html
    assert "Berliner Straße 70" in html


def test_accepted_minor_sees_what_is_pending_instead_of_a_404(
    client, board, office, django_capture_on_commit_callbacks
):
    person = UserFactory(display_name="Lina")
    apply(client, board, person, MINOR_YEAR, django_capture_on_commit_callbacks)
    application = BoardApplication.objects.get(applicant=person)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decide(application=application, actor=office, accept=True)
    note = Notification.objects.filter(recipient=person).latest("pk")
    assert note.url == reverse("boards:my_application", args=[board.slug])
    response = client.get(reverse("boards:workspace", args=[board.slug]))
    assert response.status_code == 302
    assert response["Location"] == reverse("boards:my_application", args=[board.slug])
    status = client.get(response["Location"]).content.decode()
    assert "Sie wurden angenommen" in status and "Einwilligung" in status
    board_page = client.get(board.get_absolute_url()).content.decode()
    assert "Jetzt bewerben" not in board_page


def test_strangers_still_get_a_404_from_the_workspace(client, board, user):
    client.force_login(user)
    assert client.get(reverse("boards:workspace", args=[board.slug])).status_code == 404
    # and no application page without an application
    response = client.get(reverse("boards:my_application", args=[board.slug]))
    assert response.status_code == 302 and response["Location"] == board.get_absolute_url()


def test_service_confirms_each_application_once(board):
    person = UserFactory()
    services.application_submit(
        board=board, applicant=person, motivation="Gern.", birth_year=ADULT_YEAR
    )
    assert (
        Notification.objects.filter(
            recipient=person, event_key__startswith="board-application-received:"
        ).count()
        == 1
    )
