"""The grouping itself, on synthetic data and on the real Klimarat conversation."""

import numpy as np
import pytest
from django.conf import settings

from aufbruch.opinions.clustering import adjusted_rand_index, group_participants
from aufbruch.opinions.polis_format import read_conversation


def two_camps(n_per_camp=30, n_statements=12, seed=1, noise=0.1):
    rng = np.random.default_rng(seed)
    rows, truth = [], {}
    for p in range(2 * n_per_camp):
        camp = 0 if p < n_per_camp else 1
        truth[p] = camp
        for s in range(n_statements):
            if rng.random() < 0.2:
                continue  # not seen
            value = 1 if (s % 2 == 0) == (camp == 0) else -1
            if rng.random() < noise:
                value = -value
            rows.append((p, 100 + s, value))
    return rows, truth


def test_two_clear_camps_are_found():
    rows, truth = two_camps()
    result = group_participants(rows)
    assert result.k == 2
    assert adjusted_rand_index(
        [truth[p] for p in result.participant_ids], result.labels
    ) == pytest.approx(1.0)
    assert sum(g["size"] for g in result.groups) == len(result.participant_ids) >= 50
    # each group is represented by statements its camp agrees with
    for g in result.groups:
        assert g["representative"], g
        assert all(r["seen"] >= 5 for r in g["representative"])


def test_same_data_gives_the_same_result():
    rows, _ = two_camps(seed=7, noise=0.25)
    a, b = group_participants(rows), group_participants(list(reversed(rows)))
    assert (a.participant_ids, a.labels, a.coordinates, a.groups) == (
        b.participant_ids,
        b.labels,
        b.coordinates,
        b.groups,
    )


def test_participants_with_fewer_than_seven_votes_are_not_grouped():
    rows, _ = two_camps()
    rows = [r for r in rows if not (r[0] == 0 and r[1] >= 106)] + [(999, 100, 1), (999, 101, -1)]
    result = group_participants(rows)
    assert 999 not in result.participant_ids
    assert 0 not in result.participant_ids  # 6 or fewer votes left


def test_too_few_participants_give_no_groups():
    assert group_participants([(1, 1, 1), (1, 2, 1), (2, 1, -1)]).groups == []
    assert group_participants([]).groups == []


def test_rejected_statements_are_never_shown_as_representative_or_consensus():
    rows, _ = two_camps()
    result = group_participants(rows, excluded_statement_ids=[100, 101])
    shown = {r["statement"] for g in result.groups for r in g["representative"]}
    shown |= {c["statement"] for c in result.consensus + result.divisive}
    assert shown and not shown & {100, 101}


def test_consensus_and_divisive_statements():
    rows, _ = two_camps(noise=0.0)
    # statement 500: everybody agrees; statements 100..111 split the camps
    rows += [(p, 500, 1) for p in range(60)]
    result = group_participants(rows)
    assert [c["statement"] for c in result.consensus] == [500]
    assert all(g["agree"] == g["seen"] for g in result.consensus[0]["groups"])
    assert result.divisive and all(d["statement"] != 500 for d in result.divisive)
    assert result.divisive[0]["spread"] == pytest.approx(1.0)


def test_klimarat_groups_agree_with_polis():
    """Our groups against the group-id column of participants-votes.csv.

    Fails if the adjusted Rand index drops below 0.9 (measured: 0.954)."""
    conv = read_conversation(settings.POLIS_DATA_DIR)
    rows = [(voter, comment, value) for (voter, comment), value in conv.votes.items()]
    rejected = [c.comment_id for c in conv.comments if c.state == "rejected"]
    result = group_participants(rows, excluded_statement_ids=rejected)
    theirs = {p: g for p, g in conv.groups.items() if g is not None}
    pairs = [
        (theirs[p], label)
        for p, label in zip(result.participant_ids, result.labels, strict=True)
        if p in theirs
    ]
    assert (
        len(pairs) == len(theirs) == 900
    )  # Pol.is grouped exactly the voters with >= 7 votes, as we do
    ari = adjusted_rand_index([a for a, _ in pairs], [b for _, b in pairs])
    assert ari >= 0.9, ari
    assert result.k == 2
