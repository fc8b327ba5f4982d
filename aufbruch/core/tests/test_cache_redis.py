"""aufbruch.core.cache.RedisCache: Django's Redis cache keeping one client
per connection pool (core/cache.py). It must behave exactly like Django's."""

from __future__ import annotations

import uuid

import pytest
from django.core.cache import caches
from django.test import override_settings

from aufbruch.core.cache import RedisCache
from aufbruch.core.testing import redis_available

pytestmark = pytest.mark.skipif(not redis_available(), reason="needs Redis on 127.0.0.1:6379")


@pytest.fixture
def redis_cache():
    prefix = f"cachetest-{uuid.uuid4().hex}"
    config = {
        "default": {
            "BACKEND": "aufbruch.core.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/13",
            "KEY_PREFIX": prefix,
        }
    }
    with override_settings(CACHES=config):
        cache = caches["default"]
        yield cache
        cache.clear()


def test_it_works_like_djangos_redis_cache(redis_cache):
    assert isinstance(redis_cache, RedisCache)
    assert redis_cache.get("missing") is None
    redis_cache.set("a", {"x": [1, 2]}, 30)
    assert redis_cache.get("a") == {"x": [1, 2]}
    assert redis_cache.add("a", "other") is False
    redis_cache.set_many({"b": "β", "c": 3})
    assert redis_cache.get_many(["a", "b", "c", "d"]) == {"a": {"x": [1, 2]}, "b": "β", "c": 3}
    assert redis_cache.incr("c") == 4
    assert redis_cache.get_or_set("e", lambda: "made", 30) == "made"
    assert redis_cache.get_or_set("e", lambda: "again", 30) == "made"
    redis_cache.delete("a")
    assert redis_cache.get("a") is None


def test_one_client_serves_every_operation(redis_cache):
    first = redis_cache._cache.get_client("k", write=True)
    redis_cache.set("k", 1)
    redis_cache.get("k")
    assert redis_cache._cache.get_client("k") is first
    assert redis_cache._cache.get_client("other", write=True) is first
