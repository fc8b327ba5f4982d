"""Grouping participants by how they vote, following Pol.is's published math.

Pure numpy / scikit-learn, no database: the recompute task feeds in the
votes and stores the result. The steps mirror compdemocracy/polis (math/):

1. The participant × statement matrix holds 1 (agree), -1 (disagree),
   0 (pass) and "unseen". Columns of rejected statements are set to 0 for
   everybody (Pol.is "zeroes out" moderated-out comments).
2. Unseen cells are imputed with the statement's mean vote, the matrix is
   centred and reduced to 2 components (PCA).
3. Each participant is projected using only the statements they saw, then
   pushed out by sqrt(statements / seen) so that people who voted on few
   statements do not all collapse into the centre (sparsity-aware scaling).
4. Only participants with at least 7 votes (or all statements, if fewer)
   are grouped. Their points are first summarised in up to 100 base
   clusters, then k-means (weighted by base-cluster size) runs for k = 2..5
   and the k with the best silhouette score wins.
5. Per group: representative statements (where the group's agree or
   disagree rate differs most from everyone else's, with significance
   tests), consensus statements (agreement in every group) and divisive
   ones (the largest spread of agreement between groups).

Deterministic: a fixed seed for k-means, component signs normalised.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_score
from threadpoolctl import threadpool_limits

SEED = 20171123
MIN_VOTES_TO_GROUP = 7
MIN_PARTICIPANTS_TO_GROUP = 4
BASE_CLUSTERS = 100
MAX_GROUPS = 5
MIN_VOTES_FOR_STATS = 5
Z_90 = 1.2816
TOP_N = 5


@dataclass
class GroupingResult:
    participant_ids: list[int] = field(default_factory=list)  # the grouped participants
    labels: list[int] = field(default_factory=list)
    coordinates: list[tuple[float, float]] = field(default_factory=list)
    silhouette: float | None = None
    groups: list[dict] = field(default_factory=list)
    consensus: list[dict] = field(default_factory=list)
    divisive: list[dict] = field(default_factory=list)

    @property
    def k(self) -> int:
        return len(self.groups)


def vote_matrix(
    participant_ids, statement_ids, votes: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Dense matrix (NaN = unseen) from (participant_id, statement_id, value) rows."""
    pids = np.asarray(participant_ids, dtype=np.int64)
    sids = np.asarray(statement_ids, dtype=np.int64)
    matrix = np.full((len(pids), len(sids)), np.nan, dtype=np.float64)
    if len(votes):
        votes = np.asarray(votes, dtype=np.int64)
        rows = np.searchsorted(pids, votes[:, 0])
        cols = np.searchsorted(sids, votes[:, 1])
        matrix[rows, cols] = votes[:, 2]
    return pids, sids, matrix


def group_participants(
    votes, *, excluded_statement_ids=(), seed: int = SEED, min_votes: int = MIN_VOTES_TO_GROUP
) -> GroupingResult:
    """Group the voters. ``votes``: rows of (participant_id, statement_id, value).

    Runs single-threaded: the matrices are small, and BLAS/OpenMP thread pools
    on a busy server (web workers, other tasks) made it up to ten times slower.
    """
    with threadpool_limits(limits=1):
        return _group_participants(votes, excluded_statement_ids, seed, min_votes)


def _group_participants(votes, excluded_statement_ids, seed: int, min_votes: int) -> GroupingResult:
    votes = np.asarray(votes, dtype=np.int64).reshape(-1, 3)
    if len(votes) == 0:
        return GroupingResult()
    pids, sids, matrix = vote_matrix(np.unique(votes[:, 0]), np.unique(votes[:, 1]), votes)
    excluded = np.isin(sids, np.asarray(list(excluded_statement_ids), dtype=np.int64))
    n_statements = len(sids)
    raw_counts = (~np.isnan(matrix)).sum(axis=1)
    eligible = raw_counts >= min(min_votes, n_statements)
    if eligible.sum() < MIN_PARTICIPANTS_TO_GROUP or n_statements < 2:
        return GroupingResult()

    rating = matrix.copy()
    rating[:, excluded] = 0.0
    coords = _project(rating)
    if coords is None:  # everybody voted alike: nothing to tell apart
        return GroupingResult()
    points = coords[eligible]
    labels, silhouette = _cluster(points, seed)
    if labels is None:
        return GroupingResult()

    labels = _relabel(labels, points)
    stats = _group_counts(matrix[eligible], labels)
    usable = ~excluded
    groups = [
        {
            "id": g,
            "size": int((labels == g).sum()),
            "representative": _representative(stats, g, sids, usable),
        }
        for g in range(stats["k"])
    ]
    return GroupingResult(
        participant_ids=[int(p) for p in pids[eligible]],
        labels=[int(x) for x in labels],
        coordinates=[(round(float(x), 4), round(float(y), 4)) for x, y in points],
        silhouette=silhouette,
        groups=groups,
        consensus=_consensus(stats, sids, usable),
        divisive=_divisive(stats, sids, usable),
    )


def _project(rating: np.ndarray) -> np.ndarray | None:
    seen = ~np.isnan(rating)
    counts = seen.sum(axis=0)
    means = np.divide(
        np.nansum(rating, axis=0), counts, out=np.zeros(rating.shape[1]), where=counts > 0
    )
    imputed = np.where(seen, rating, means)
    if not (imputed.var(axis=0) > 0).any():
        return None
    n_components = min(2, *imputed.shape)
    pca = PCA(n_components=n_components, svd_solver="covariance_eigh").fit(imputed)
    components = pca.components_
    # The sign of a component is arbitrary; fix it so a recompute does not mirror the map.
    signs = np.sign(components[np.arange(n_components), np.abs(components).argmax(axis=1)])
    components = components * signs[:, None]
    centred = np.where(seen, rating - pca.mean_, 0.0)
    proj = centred @ components.T
    scale = np.sqrt(rating.shape[1] / np.maximum(seen.sum(axis=1), 1))
    proj = proj * scale[:, None]
    if n_components < 2:
        proj = np.column_stack([proj, np.zeros(len(proj))])
    return proj


def _cluster(points: np.ndarray, seed: int) -> tuple[np.ndarray | None, float | None]:
    n = len(points)
    if n > BASE_CLUSTERS:
        base = KMeans(n_clusters=BASE_CLUSTERS, n_init=1, random_state=seed).fit(points)
        centres, weights, members = (
            base.cluster_centers_,
            np.bincount(base.labels_, minlength=BASE_CLUSTERS),
            base.labels_,
        )
    else:
        centres, weights, members = points, np.ones(n), np.arange(n)
    distinct = len(np.unique(np.round(centres, 9), axis=0))
    max_k = min(MAX_GROUPS, 2 + len(centres) // 12, distinct, len(centres) - 1)
    best_labels, best_score = None, None
    for k in range(2, max_k + 1):
        km = KMeans(n_clusters=k, n_init=10, random_state=seed).fit(centres, sample_weight=weights)
        if len(set(km.labels_)) < 2:
            continue
        score = float(silhouette_score(centres, km.labels_))
        if best_score is None or score > best_score + 1e-12:
            best_labels, best_score = km.labels_, score
    if best_labels is None:
        return None, None
    return best_labels[members], round(best_score, 4)


def _relabel(labels: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Group 0 is the largest; ties broken by position on the map."""
    order = sorted(
        set(labels.tolist()),
        key=lambda g: (-(labels == g).sum(), float(points[labels == g, 0].mean())),
    )
    mapping = {old: new for new, old in enumerate(order)}
    return np.array([mapping[g] for g in labels.tolist()])


def _group_counts(matrix: np.ndarray, labels: np.ndarray) -> dict:
    k = int(labels.max()) + 1
    agree = np.stack([(matrix[labels == g] == 1).sum(axis=0) for g in range(k)])
    disagree = np.stack([(matrix[labels == g] == -1).sum(axis=0) for g in range(k)])
    seen = np.stack([(~np.isnan(matrix[labels == g])).sum(axis=0) for g in range(k)])
    return {"k": k, "agree": agree, "disagree": disagree, "seen": seen}


def _per_group(stats: dict, col: int) -> list[dict]:
    return [
        {
            "group": g,
            "agree": int(stats["agree"][g, col]),
            "disagree": int(stats["disagree"][g, col]),
            "seen": int(stats["seen"][g, col]),
        }
        for g in range(stats["k"])
    ]


def _prop_z(success: np.ndarray, n: np.ndarray) -> np.ndarray:
    """z of a (smoothed) proportion against one half."""
    return 2 * np.sqrt(n + 1) * ((success + 1) / (n + 1) - 0.5)


def _two_prop_z(s1, s2, n1, n2) -> np.ndarray:
    p1, p2 = (s1 + 1) / (n1 + 2), (s2 + 1) / (n2 + 2)
    pooled = (s1 + s2 + 2) / (n1 + n2 + 4)
    se = np.sqrt(pooled * (1 - pooled) * (1 / (n1 + 2) + 1 / (n2 + 2)))
    return np.divide(p1 - p2, se, out=np.zeros_like(p1, dtype=float), where=se > 0)


def _representative(stats: dict, g: int, sids: np.ndarray, usable: np.ndarray) -> list[dict]:
    n_in = stats["seen"][g].astype(float)
    n_out = stats["seen"].sum(axis=0) - n_in
    candidates = []
    for key, direction in (("agree", "agree"), ("disagree", "disagree")):
        s_in = stats[key][g].astype(float)
        s_out = stats[key].sum(axis=0) - s_in
        p = (s_in + 1) / (n_in + 2)
        ratio = p / ((s_out + 1) / (n_out + 2))
        p_test = _prop_z(s_in, n_in)
        r_test = _two_prop_z(s_in, s_out, n_in, n_out)
        metric = ratio * r_test * p * p_test
        ok = usable & (n_in >= MIN_VOTES_FOR_STATS) & (p_test > Z_90) & (r_test > Z_90)
        candidates += [(float(metric[c]), direction, c) for c in np.flatnonzero(ok)]
    best: dict[int, tuple] = {}
    for metric, direction, col in candidates:  # one direction per statement: the stronger one
        if col not in best or metric > best[col][0]:
            best[col] = (metric, direction, col)
    chosen = sorted(best.values(), key=lambda t: (-t[0], int(sids[t[2]])))[:TOP_N]
    return [
        {"statement": int(sids[col]), "direction": direction, **_per_group(stats, col)[g]}
        for _metric, direction, col in chosen
    ]


def _shares(stats: dict) -> tuple[np.ndarray, np.ndarray]:
    seen = stats["seen"].astype(float)
    enough = (seen >= MIN_VOTES_FOR_STATS).all(axis=0)
    agree_share = np.divide(stats["agree"], seen, out=np.zeros_like(seen), where=seen > 0)
    return agree_share, enough


def _consensus(stats: dict, sids: np.ndarray, usable: np.ndarray) -> list[dict]:
    agree_share, enough = _shares(stats)
    smoothed = (stats["agree"] + 1) / (stats["seen"] + 2)
    score = np.prod(smoothed, axis=0)
    ok = usable & enough & (agree_share >= 0.6).all(axis=0)
    cols = sorted(np.flatnonzero(ok), key=lambda c: (-score[c], int(sids[c])))[:TOP_N]
    return [{"statement": int(sids[c]), "groups": _per_group(stats, c)} for c in cols]


def _divisive(stats: dict, sids: np.ndarray, usable: np.ndarray) -> list[dict]:
    agree_share, enough = _shares(stats)
    spread = agree_share.max(axis=0) - agree_share.min(axis=0)
    ok = usable & enough & (spread >= 0.3)
    cols = sorted(np.flatnonzero(ok), key=lambda c: (-spread[c], int(sids[c])))[:TOP_N]
    return [
        {
            "statement": int(sids[c]),
            "spread": round(float(spread[c]), 3),
            "groups": _per_group(stats, c),
        }
        for c in cols
    ]


def adjusted_rand_index(labels_a, labels_b) -> float:
    from sklearn.metrics import adjusted_rand_score

    value = adjusted_rand_score(list(labels_a), list(labels_b))
    return float(value) if not math.isnan(value) else 0.0
