"""Rate limits on Redis count each hit in one round trip (a pipelined
SET NX + INCR) and still refuse past the limit. Skipped without a Redis
server on 127.0.0.1:6379."""

from __future__ import annotations

import uuid

import pytest
import redis
from django.core.cache import caches
from django.test import override_settings
from redis.client import Pipeline

from aufbruch.core import ratelimit
from aufbruch.core.testing import redis_available

pytestmark = pytest.mark.skipif(not redis_available(), reason="needs Redis on 127.0.0.1:6379")


def test_redis_counts_in_one_round_trip_and_refuses_past_the_limit(monkeypatch):
    prefix = f"rltest-{uuid.uuid4().hex}"
    redis_cache = {
        "default": {
            "BACKEND": "aufbruch.core.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/14",
            "KEY_PREFIX": prefix,
        }
    }
    with override_settings(CACHES=redis_cache, RATE_LIMITS={"comment": (3, 60)}):
        client = caches["default"]._cache.get_client(write=True)
        single, pipelined = [], []
        real_single, real_pipelined = redis.Redis.execute_command, Pipeline.execute
        monkeypatch.setattr(
            redis.Redis, "execute_command", lambda *a, **k: single.append(a) or real_single(*a, **k)
        )
        monkeypatch.setattr(
            Pipeline, "execute", lambda *a, **k: pipelined.append(a) or real_pipelined(*a, **k)
        )
        results = [ratelimit.hit("comment", "u1") for _ in range(5)]
        monkeypatch.undo()
        assert results == [True, True, True, False, False]
        assert single == [] and len(pipelined) == 5  # one round trip per hit
        # Another client has its own counter; the counter expires with its window.
        assert ratelimit.hit("comment", "u2") is True
        keys = client.keys(f"{prefix}:*rl:comment:u1:*")
        assert len(keys) == 1 and 0 < client.ttl(keys[0]) <= 65
        assert int(client.get(keys[0])) == 5
        client.delete(*client.keys(f"{prefix}:*"))
