"""An Atom feed of a document's changes: published versions, the adopted
version and decided amendments."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from aufbruch.core.text import plain_text

from . import selectors
from .models import Document, DocumentStatus


class ChangesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, pk: int) -> Document:
        document = Document.objects.exclude(status=DocumentStatus.DRAFT).filter(pk=pk).first()
        if document is None:
            raise Http404
        return document

    def title(self, obj: Document) -> str:
        return _("Changes: %(title)s") % {"title": obj.title}

    def link(self, obj: Document) -> str:
        return obj.get_absolute_url()

    def subtitle(self, obj: Document) -> str:
        return _("New versions and decided amendments")

    def items(self, obj: Document) -> list[dict]:
        return selectors.changes(obj)

    def item_title(self, item: dict) -> str:
        o = item["object"]
        if item["kind"] == "version":
            if o.is_adopted:
                return _("Version %(n)d adopted by the council") % {"n": o.number}
            return _("Version %(n)d published") % {"n": o.number}
        return _("Amendment #%(pk)d to section %(number)s: %(status)s") % {
            "pk": o.pk,
            "number": o.paragraph.section.number,
            "status": o.get_status_display(),
        }

    def item_description(self, item: dict) -> str:
        o = item["object"]
        return plain_text(o.note if item["kind"] == "version" else o.decision_reason)

    def item_link(self, item: dict) -> str:
        o = item["object"]
        if item["kind"] == "version":
            return reverse("agenda:version", args=[o.document_id, o.number])
        return o.get_absolute_url()

    def item_guid(self, item: dict) -> str:
        return f"agenda:{item['kind']}:{item['object'].pk}"

    item_guid_is_permalink = False

    def item_updateddate(self, item: dict):
        return item["when"]

    def item_pubdate(self, item: dict):
        return item["when"]
