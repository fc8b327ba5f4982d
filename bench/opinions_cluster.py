#!/usr/bin/env python
"""Time the opinion-map recompute for 5,000 participants × 500 statements.

The synthetic map copies the Klimarat conversation's shape: how many votes
each participant cast (resampled from participants-votes.csv, scaled to 500
statements), the share of agree/disagree/pass, and opinion camps so that
there are groups to find. Prints seconds. Local only, bounded in time.

  .venv/bin/python bench/opinions_cluster.py            # the grouping itself (numpy/scikit-learn)
  .venv/bin/python bench/opinions_cluster.py --with-db  # also the full task: load votes from the
                                                        # database (DATABASE_URL), group, store
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT / "data" / "polis-klimarat-produktion-konsum"


def klimarat_shape() -> tuple[np.ndarray, np.ndarray]:
    """Votes per participant (as a share of all statements) and the value distribution."""
    shares, values = [], {1: 0, -1: 0, 0: 0}
    with open(DATA / "participants-votes.csv", newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        n_statements = len(header) - 7
        for row in reader:
            cells = [c for c in row[7:] if c != ""]
            shares.append(len(cells) / n_statements)
            for c in cells:
                values[int(c)] += 1
    total = sum(values.values())
    return np.array(shares), np.array([values[1], values[-1], values[0]]) / total


def synthetic_votes(n_participants: int, n_statements: int, seed: int = 6) -> np.ndarray:
    rng = np.random.default_rng(seed)
    shares, (p_agree, p_disagree, p_pass) = klimarat_shape()
    counts = np.clip(
        (rng.choice(shares, n_participants) * n_statements).round().astype(int), 1, n_statements
    )
    camps = rng.choice(3, n_participants, p=[0.6, 0.3, 0.1])
    stance = rng.normal(0, 1, (3, n_statements))  # how each camp leans on each statement
    popularity = rng.random(n_statements) ** 2  # a few statements are seen by many
    rows = []
    for pid in range(n_participants):
        seen = rng.choice(
            n_statements,
            counts[pid],
            replace=False,
            p=(popularity + 0.05) / (popularity + 0.05).sum(),
        )
        lean = stance[camps[pid], seen]
        agree = p_agree / (p_agree + p_disagree) * (1 + np.tanh(lean)) / (1 + np.tanh(lean).mean())
        r = rng.random(len(seen))
        value = np.where(
            r < p_pass, 0, np.where(rng.random(len(seen)) < np.clip(agree, 0.02, 0.98), 1, -1)
        )
        rows.append(np.column_stack([np.full(len(seen), pid + 1), seen + 1, value]))
    return np.concatenate(rows)


def time_grouping(votes: np.ndarray, repeat: int) -> list[float]:
    from aufbruch.opinions.clustering import group_participants

    times, cpu = [], []
    result = None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        # the second and later runs warm-start from the previous result, as recomputes do
        result = group_participants(
            votes,
            previous=result.state if result else None,
            previous_labels=dict(zip(result.participant_ids, result.labels, strict=True))
            if result
            else None,
        )
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    print(
        f"grouped {len(result.participant_ids)} participants into {result.k} groups (silhouette {result.silhouette})"
    )
    # Single-threaded: CPU time is what the grouping costs; wall time also
    # shows how busy the machine is.
    print(
        f"grouping CPU time: median {sorted(cpu)[len(cpu) // 2]:.2f} s "
        f"(runs: {', '.join(f'{t:.2f}' for t in cpu)})"
    )
    return times


def time_recompute(votes: np.ndarray, repeat: int) -> list[float]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aufbruch.settings.dev")
    import django

    django.setup()
    from django.db import connection, transaction

    from aufbruch.opinions.models import OpinionMap, Participant, Statement, StatementState
    from aufbruch.opinions.polis_io import _insert_votes
    from aufbruch.opinions.services import cluster_recompute

    with transaction.atomic():
        m = OpinionMap.objects.create(question="Benchmark (wird gelöscht)", is_open=False)
        statements = Statement.objects.bulk_create(
            [
                Statement(opinion_map=m, text=f"Aussage {i}", state=StatementState.ACCEPTED)
                for i in range(int(votes[:, 1].max()))
            ]
        )
        people = Participant.objects.bulk_create(
            [Participant(opinion_map=m, polis_id=i) for i in range(int(votes[:, 0].max()))]
        )
        _insert_votes((people[p - 1].pk, statements[s - 1].pk, int(v)) for p, s, v in votes)
    print(f"database: {connection.vendor}, map {m.pk} with {len(votes)} votes")
    times = []
    try:
        for _ in range(repeat):
            start = time.perf_counter()
            result = cluster_recompute(opinion_map_id=m.pk)
            times.append(time.perf_counter() - start)
        print(f"task grouped {result.n_participants} participants into {len(result.groups)} groups")
    finally:
        m.delete()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--participants", type=int, default=5_000)
    parser.add_argument("--statements", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--with-db", action="store_true")
    args = parser.parse_args()
    votes = synthetic_votes(args.participants, args.statements)
    print(
        f"synthetic map: {args.participants} participants × {args.statements} statements, {len(votes)} votes "
        f"({len(votes) / (args.participants * args.statements):.1%} of the matrix)"
    )
    times = time_grouping(votes, args.repeat)
    print(
        f"grouping: median {sorted(times)[len(times) // 2]:.2f} s (runs: {', '.join(f'{t:.2f}' for t in times)})"
    )
    if args.with_db:
        times = time_recompute(votes, args.repeat)
        print(
            f"recompute task incl. database: median {sorted(times)[len(times) // 2]:.2f} s "
            f"(runs: {', '.join(f'{t:.2f}' for t in times)})"
        )


if __name__ == "__main__":
    main()
