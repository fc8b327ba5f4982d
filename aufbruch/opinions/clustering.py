"""Grouping participants by how they vote, following Pol.is's published math.

Pure numpy / scikit-learn, no database: the recompute task feeds in the
votes (and the state of the previous recompute) and stores the result. The
rules follow compdemocracy/polis, math/src/polismath/math/ (docs/opinions.md
names the function for each):

1. The participant × statement matrix holds 1 (agree), -1 (disagree),
   0 (pass) and "unseen". Columns of rejected statements are set to 0 for
   everybody (conversation.clj :rating-mat, named_matrix.clj zero-out-columns).
2. Who is "in the conversation" and grouped (conversation.clj :in-conv):
   everyone with at least min(7, statements) votes; while fewer than 15 are
   in, the most active voters are added until there are 15; once in, a
   participant stays in (we carry the set from the previous recompute, and
   an import starts with the participants Pol.is had placed in a group).
3. Unseen cells are imputed with the statement's mean vote, the matrix is
   centred and reduced to 2 components (PCA); each participant is projected
   using only the statements they saw, pushed out by sqrt(statements / seen)
   (pca.clj sparsity-aware-project-ptpt).
4. The grouped participants are summarised in up to 100 base clusters, then
   k-means (weighted by base-cluster size) runs for k = 2 … min(5, 2 + bases
   / 12) and the silhouette over the base clusters picks k. A new k is only
   adopted after it has won 4 recomputes in a row (the group-k buffer). The
   previous result's centres are the warm start. No group may be smaller
   than MIN_GROUP_SIZE.
5. Per group: representative statements, consensus and divisive ones.

Deterministic: fixed seeds, component signs aligned with the previous run.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from scipy.linalg import eigh
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from threadpoolctl import threadpool_limits

SEED = 20171123
MIN_VOTES_TO_GROUP = 7  # conversation.clj :in-conv, (min 7 n-cmts)
GREEDY_N = 15  # conversation.clj :in-conv, greedy-n
MIN_PARTICIPANTS_TO_GROUP = 4
BASE_CLUSTERS = 100  # conversation.clj :base-k
MAX_GROUPS = 5  # conversation.clj :max-k
GROUP_K_BUFFER = 4  # conversation.clj :group-k-buffer
MIN_GROUP_SIZE = 3  # ours: no one- or two-person "group"
K_MARGIN = 0.01  # ours: a further group must raise the silhouette by this much
WARM_TOLERANCE = 0.01  # ours: keep the warm start unless a fresh start is 1 % tighter
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
    # carried to the next recompute: in-conv set, centres, k buffer, components
    state: dict = field(default_factory=dict)
    silhouettes: dict[int, float] = field(default_factory=dict)

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
    votes,
    *,
    excluded_statement_ids=(),
    seed: int = SEED,
    min_votes: int = MIN_VOTES_TO_GROUP,
    in_conv=(),
    previous: dict | None = None,
    previous_labels: dict[int, int] | None = None,
    polis_2017: bool = False,
) -> GroupingResult:
    """Group the voters. ``votes``: rows of (participant_id, statement_id, value).

    ``in_conv``: participants already in the conversation (placed before,
    e.g. by Pol.is); ``previous``: ``GroupingResult.state`` of the last
    recompute; ``previous_labels``: its participant → group, so groups keep
    their letters. ``polis_2017`` reproduces two rules of Pol.is before
    October 2017 (unseen votes imputed as 0, moderated-out columns counted as
    votes) and is only used to explain old exports.

    Runs single-threaded: the matrices are small, and BLAS/OpenMP thread pools
    on a busy server (web workers, other tasks) made it up to ten times slower.
    """
    with threadpool_limits(limits=1):
        return _group_participants(
            votes,
            excluded_statement_ids,
            seed,
            min_votes,
            set(int(p) for p in in_conv),
            previous or {},
            previous_labels or {},
            polis_2017,
        )


def _in_conversation(pids, counts, n_statements, min_votes, already) -> np.ndarray:
    """conversation.clj :in-conv: enough votes, or already in, or (while fewer
    than 15 are in) among the most active voters."""
    eligible = (counts >= min(min_votes, n_statements)) | np.isin(pids, list(already))
    if eligible.sum() < GREEDY_N:
        rest = sorted(np.flatnonzero(~eligible), key=lambda i: (-counts[i], pids[i]))
        eligible[rest[: GREEDY_N - int(eligible.sum())]] = True
    return eligible


def _group_participants(
    votes, excluded_statement_ids, seed, min_votes, in_conv, previous, previous_labels, polis_2017
) -> GroupingResult:
    votes = np.asarray(votes, dtype=np.int64).reshape(-1, 3)
    if len(votes) == 0:
        return GroupingResult()
    pids, sids, matrix = vote_matrix(np.unique(votes[:, 0]), np.unique(votes[:, 1]), votes)
    excluded = np.isin(sids, np.asarray(list(excluded_statement_ids), dtype=np.int64))
    n_statements = len(sids)
    rating = matrix.copy()
    rating[:, excluded] = 0.0
    counts = (~np.isnan(rating if polis_2017 else matrix)).sum(axis=1)
    already = in_conv | set(previous.get("in_conv", ()))
    eligible = _in_conversation(pids, counts, n_statements, min_votes, already)
    state = {"in_conv": sorted(set(int(p) for p in pids[eligible]) | already)}
    if eligible.sum() < MIN_PARTICIPANTS_TO_GROUP or n_statements < 2:
        return GroupingResult(state=state)

    coords, components = _project(rating, sids, previous.get("components"), polis_2017)
    if coords is None:  # everybody voted alike: nothing to tell apart
        return GroupingResult(state=state)
    state["components"] = components
    points = coords[eligible]
    grouped = pids[eligible]
    labels, silhouette, silhouettes = _cluster(points, seed, previous, state)
    if labels is None:
        return GroupingResult(state=state)

    labels = _relabel(labels, points, grouped, previous_labels)
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
        participant_ids=[int(p) for p in grouped],
        labels=[int(x) for x in labels],
        coordinates=[(round(float(x), 4), round(float(y), 4)) for x, y in points],
        silhouette=silhouette,
        groups=groups,
        consensus=_consensus(stats, sids, usable),
        divisive=_divisive(stats, sids, usable),
        state=state,
        silhouettes=silhouettes,
    )


def _project(rating: np.ndarray, sids: np.ndarray, previous_components, zero_impute: bool):
    seen = ~np.isnan(rating)
    counts = seen.sum(axis=0)
    means = np.divide(
        np.nansum(rating, axis=0), counts, out=np.zeros(rating.shape[1]), where=counts > 0
    )
    imputed = np.where(seen, rating, 0.0 if zero_impute else means)
    centre = imputed.mean(axis=0)
    centred_all = imputed - centre
    if not (centred_all.var(axis=0) > 0).any():
        return None, None
    n_components = min(2, *imputed.shape)
    # Exact eigenvectors of the covariance (Pol.is: power iteration, pca.clj powerit-pca).
    cov = centred_all.T @ centred_all
    size = cov.shape[0]
    _values, vectors = eigh(cov, subset_by_index=[size - n_components, size - 1])
    components = vectors[:, ::-1].T.copy()
    # The sign of a component is arbitrary: keep the previous run's orientation
    # so a recompute does not mirror the map; otherwise fix it by the largest entry.
    signs = np.sign(components[np.arange(n_components), np.abs(components).argmax(axis=1)])
    if previous_components:
        old_ids = np.asarray(previous_components["ids"], dtype=np.int64)
        old = np.asarray(previous_components["values"], dtype=float)
        common, new_idx, old_idx = np.intersect1d(sids, old_ids, return_indices=True)
        for c in range(min(n_components, len(old))):
            dot = float(components[c, new_idx] @ old[c, old_idx]) if len(common) else 0.0
            if dot != 0:
                signs[c] = np.sign(dot)
    signs[signs == 0] = 1
    components = components * signs[:, None]
    centred = np.where(seen, rating - centre, 0.0)
    proj = centred @ components.T
    scale = np.sqrt(rating.shape[1] / np.maximum(seen.sum(axis=1), 1))
    proj = proj * scale[:, None]
    if n_components < 2:
        proj = np.column_stack([proj, np.zeros(len(proj))])
    stored = {
        "ids": [int(s) for s in sids],
        "values": [[round(float(v), 6) for v in row] for row in components],
    }
    return proj, stored


def _kmeans(points, k, weights, init, seed):
    n_init = 10 if isinstance(init, str) else 1
    km = KMeans(n_clusters=k, init=init, n_init=n_init, random_state=seed)
    km.fit(points, sample_weight=weights)
    return km.labels_, km.cluster_centers_, float(km.inertia_)


def _cluster(points: np.ndarray, seed: int, previous: dict, state: dict):
    n = len(points)
    if n > BASE_CLUSTERS:
        old = previous.get("base")
        init = np.asarray(old) if old is not None and len(old) == BASE_CLUSTERS else "k-means++"
        base = KMeans(
            n_clusters=BASE_CLUSTERS, init=init, n_init=1, max_iter=100, random_state=seed
        ).fit(points)  # conversation.clj :base-iters 100
        centres, members = base.cluster_centers_, base.labels_
        weights = np.bincount(members, minlength=BASE_CLUSTERS).astype(float)
        keep = weights > 0
        centres, weights = centres[keep], weights[keep]
        members = np.cumsum(keep)[members] - 1
        state["base"] = [[round(float(x), 6), round(float(y), 6)] for x, y in base.cluster_centers_]
    else:  # fewer than 100: every distinct point is its own base cluster
        centres, members = np.unique(np.round(points, 9), axis=0, return_inverse=True)
        members = members.ravel()
        weights = np.bincount(members).astype(float)
    max_k = min(MAX_GROUPS, 2 + len(centres) // 12, len(centres))
    old_groups = previous.get("groups", {})
    clusterings: dict[int, np.ndarray] = {}
    silhouettes: dict[int, float] = {}
    stored = {}
    for k in range(2, max_k + 1):
        labels, centre_k, inertia = _kmeans(centres, k, weights, "k-means++", seed)
        old = old_groups.get(str(k))
        if old is not None and len(old) == k:  # warm start from the previous result
            w_labels, w_centres, w_inertia = _kmeans(centres, k, weights, np.asarray(old), seed)
            if w_inertia <= inertia * (1 + WARM_TOLERANCE):
                labels, centre_k = w_labels, w_centres
        sizes = np.bincount(labels, weights=weights, minlength=k)
        if (sizes < MIN_GROUP_SIZE).any() or len(set(labels.tolist())) < 2:
            continue
        stored[str(k)] = [[round(float(x), 6), round(float(y), 6)] for x, y in centre_k]
        clusterings[k] = labels
        silhouettes[k] = _silhouette(centres, labels)
    state["groups"] = stored
    if not clusterings:
        return None, None, {}
    best = max(silhouettes.values())
    this_k = min(k for k, s in silhouettes.items() if s >= best - K_MARGIN)
    smoother = previous.get("k_smoother") or {}
    count = smoother.get("last_k_count", 0) + 1 if smoother.get("last_k") == this_k else 1
    smoothed = smoother.get("smoothed_k")
    if count >= GROUP_K_BUFFER or smoothed not in clusterings:
        smoothed = this_k
    state["k_smoother"] = {"last_k": this_k, "last_k_count": count, "smoothed_k": smoothed}
    return clusterings[smoothed][members], silhouettes[smoothed], silhouettes


def _silhouette(centres: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette over the base clusters, unweighted (clusters.clj
    silhouette); a base cluster alone in its group counts 0, as in Pol.is."""
    if len(set(labels.tolist())) >= len(centres):
        return 0.0
    return round(float(silhouette_score(centres, labels)), 4)


def _relabel(labels: np.ndarray, points: np.ndarray, pids, previous_labels: dict) -> np.ndarray:
    """Group 0 is the largest (ties: position on the map); after a recompute,
    groups keep the letter of the previous group they overlap most."""
    groups = sorted(
        set(labels.tolist()),
        key=lambda g: (-(labels == g).sum(), float(points[labels == g, 0].mean())),
    )
    k = len(groups)
    mapping = {old: new for new, old in enumerate(groups)}
    before = np.array([previous_labels.get(int(p), -1) for p in pids])
    if (before >= 0).any():
        overlap = np.zeros((k, k))
        for i, g in enumerate(groups):
            for j in range(k):
                overlap[i, j] = ((labels == g) & (before == j)).sum()
        rows, cols = linear_sum_assignment(-overlap)
        mapping = {groups[i]: int(j) for i, j in zip(rows, cols, strict=True)}
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
