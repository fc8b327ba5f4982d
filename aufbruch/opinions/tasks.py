from __future__ import annotations

from django_tasks import task


@task()
def recompute_groups(opinion_map_id: int) -> int:
    """Recompute a map's groups; returns the number of grouped participants."""
    from .services import cluster_recompute

    return cluster_recompute(opinion_map_id=opinion_map_id).n_participants
