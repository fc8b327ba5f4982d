"""'Sie sind hier': a participant sees their place on the map once grouped."""

import pytest
from django.urls import reverse

from aufbruch.opinions import services
from aufbruch.opinions.models import ClusterResult

pytestmark = pytest.mark.django_db


def results_url(m):
    return reverse("opinions:results", args=[m.pk])


def vote_on(opinion_map, user, n, value=1):
    p = services.participant_for(opinion_map=opinion_map, user=user)
    for s in list(opinion_map.statements.order_by("id"))[:n]:
        services.vote_cast(participant=p, statement=s, value=value)
    return p


def test_grouped_participant_sees_where_they_stand(
    user_client, user, opinion_map, make_voters, django_assert_max_num_queries
):
    make_voters(24)
    p = vote_on(opinion_map, user, 8)
    result = services.cluster_recompute(opinion_map_id=opinion_map.pk)
    group = result.participant_groups[str(p.pk)]
    with django_assert_max_num_queries(9):
        html = user_client.get(results_url(opinion_map)).content.decode()
    letter = "AB"[group]
    assert "Sie sind hier:" in html and f"Sie gehören zu Gruppe {letter}" in html
    assert f'href="#group-{group}"' in html
    assert f"<title>Sie sind hier (Gruppe {letter})</title>" in html
    assert html.count('class="opinions-you"') == 1
    assert "Was die Gruppen bedeuten – und was nicht" in html
    assert "keine Partei" in html


def test_participant_with_too_few_votes_is_told_how_many_are_missing(
    user_client, user, opinion_map, make_voters
):
    make_voters(24)
    vote_on(opinion_map, user, 2)
    services.cluster_recompute(opinion_map_id=opinion_map.pk)
    html = user_client.get(results_url(opinion_map)).content.decode()
    assert "Stimmen Sie noch über 5 Aussagen ab" in html
    assert 'class="opinions-you"' not in html and "Sie sind hier:" not in html


def test_enough_votes_but_not_yet_recomputed_says_so(user_client, user, opinion_map, make_voters):
    make_voters(24)
    services.cluster_recompute(opinion_map_id=opinion_map.pk)
    vote_on(opinion_map, user, 7)  # the recompute runs later, in the task
    html = user_client.get(results_url(opinion_map)).content.decode()
    assert "Ihre Position wird gerade berechnet" in html


def test_visitor_who_never_voted_sees_no_marker(client, opinion_map, make_voters):
    make_voters(24)
    services.cluster_recompute(opinion_map_id=opinion_map.pk)
    html = client.get(results_url(opinion_map)).content.decode()
    assert "Sie sind hier" not in html and 'class="opinions-you"' not in html
    assert ClusterResult.objects.get().participant_groups  # the map itself is shown
    assert html.count("<use href=") == 24


def test_someone_else_cannot_see_my_place(client, user, opinion_map, make_voters):
    """The ring marks only the viewer's own point: another visitor gets no marker."""
    make_voters(24)
    vote_on(opinion_map, user, 8)
    services.cluster_recompute(opinion_map_id=opinion_map.pk)
    html = client.get(results_url(opinion_map)).content.decode()
    assert 'class="opinions-you"' not in html
