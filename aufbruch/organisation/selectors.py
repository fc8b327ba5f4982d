from django.core.cache import cache

from .models import District, Topic


def active_topics() -> list[Topic]:
    """Fields of action for filters and forms; cached briefly, they rarely change."""
    topics = cache.get("org:topics")
    if topics is None:
        topics = list(Topic.objects.filter(is_active=True))
        cache.set("org:topics", topics, 60)
    return topics


def all_districts() -> list[District]:
    districts = cache.get("org:districts")
    if districts is None:
        districts = list(District.objects.all())
        cache.set("org:districts", districts, 60)
    return districts
