import re

import pytest
from django.conf import settings
from django.core import mail

from aufbruch.core.testing import TopicFactory

LINK = re.compile(r"https?://[^\s]+")


@pytest.fixture
def mail_link():
    """The first link in the last e-mail sent to ``to``."""

    def find(to: str, contains: str = "/accounts/") -> str:
        messages = [m for m in mail.outbox if to in m.to]
        assert messages, f"no mail to {to}: {[m.to for m in mail.outbox]}"
        links = [link for link in LINK.findall(messages[-1].body) if contains in link]
        assert links, messages[-1].body
        # Mail links start with SITE_URL (never the request's host).
        assert links[0].startswith(settings.SITE_URL.rstrip("/") + "/"), links[0]
        return links[0].removeprefix(settings.SITE_URL.rstrip("/"))

    return find


@pytest.fixture
def idea_of():
    """An idea by ``user``, created through the ideas service."""

    def make(user, title="Mehr Fahrradstraßen in der Innenstadt"):
        from aufbruch.ideas.services import idea_submit

        topic = TopicFactory(name="Mobilität", slug="mobilitaet")
        return idea_submit(
            author=user, title=title, body="Damit Kinder sicher zur Schule kommen.", topic=topic
        )

    return make
