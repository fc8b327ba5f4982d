import pytest
from django.urls import reverse

from aufbruch.core.testing import UserFactory, login_with_mfa

pytestmark = pytest.mark.django_db
INDEX = reverse("dashboards:index")


def dept_url(city, key):
    return reverse("dashboards:department", args=[city[key].slug])


def test_anonymous_is_sent_to_login(client, city):
    for url in (INDEX, dept_url(city, "mobility")):
        response = client.get(url)
        assert response.status_code == 302 and reverse("account_login") in response.url


def test_participant_is_forbidden(client, city):
    login_with_mfa(client, UserFactory())
    assert client.get(INDEX).status_code == 403
    assert client.get(dept_url(city, "mobility")).status_code == 403


def test_moderator_is_forbidden(client, city):
    login_with_mfa(client, city["moderator"])
    assert client.get(INDEX).status_code == 403
    assert client.get(dept_url(city, "mobility")).status_code == 403


def test_staff_without_mfa_must_set_it_up_first(client, city):
    client.force_login(city["office"])
    response = client.get(INDEX)
    assert response.status_code == 302 and response.url == reverse("mfa_activate_totp")


def test_guide_sees_only_own_departments(client, city):
    login_with_mfa(client, city["guide"])
    index = client.get(INDEX)
    assert index.status_code == 200
    html = index.content.decode()
    assert "Fachbereich Mobilität" in html and "Fachbereich Kultur" not in html
    page = client.get(dept_url(city, "mobility"))
    assert page.status_code == 200
    assert "Ampel an der Kaiserstraße" in page.content.decode()
    assert client.get(dept_url(city, "culture")).status_code == 403
    assert client.get(reverse("dashboards:department", args=["gibt-es-nicht"])).status_code == 404


def test_office_sees_all(client, city, django_assert_max_num_queries):
    login_with_mfa(client, city["office"])
    client.get(INDEX)  # warm caches
    with django_assert_max_num_queries(16):
        response = client.get(INDEX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Fachbereich Mobilität" in html and "Fachbereich Kultur" in html
    with django_assert_max_num_queries(14):
        assert client.get(dept_url(city, "culture")).status_code == 200


def test_charts_are_svg_with_title_desc_and_a_table_of_the_same_numbers(client, city):
    login_with_mfa(client, city["guide"])
    html = client.get(dept_url(city, "mobility")).content.decode()
    assert html.count('<svg class="ab-chart" role="img"') == 2
    assert '<title id="status-chart-title">' in html and '<desc id="status-chart-desc">' in html
    assert "eingereicht: 3" in html  # the chart's description
    assert (
        '<th class="kern-table__cell" scope="row">eingereicht</th><td class="kern-table__cell kern-table__cell--numeric">3</td>'
        in html
    )
    assert "style=" not in html and "<script>" not in html


def test_titles_are_escaped(client, city):
    from aufbruch.ideas.models import Idea

    Idea.objects.filter(pk=city["overdue"][0].pk).update(title="<script>alert(1)</script>")
    login_with_mfa(client, city["guide"])
    html = client.get(dept_url(city, "mobility")).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
