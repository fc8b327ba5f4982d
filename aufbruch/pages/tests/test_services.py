import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from aufbruch.audit.models import AuditEntry
from aufbruch.ideas.models import IdeaStatus
from aufbruch.pages.demo_texts import STATUS_EASY, STATUS_PATH_ORDER
from aufbruch.pages.models import Page, PageRevision, SignVideo
from aufbruch.pages.rendering import render_page
from aufbruch.pages.services import (
    page_publish,
    page_revision_save,
    sign_video_remove,
    sign_video_save,
)

from .conftest import MP4_HEAD, VTT

pytestmark = pytest.mark.django_db


def _save(actor, **kwargs):
    data = {"slug": "imprint", "title": "Impressum", "body": "## Anbieterin\nStadt Gütersloh"}
    data.update(kwargs)
    return page_revision_save(actor=actor, **data)


def test_each_save_is_a_new_revision_public_only_after_publishing(office):
    first = _save(office)
    assert first.number == 1 and first.author == office
    page = Page.objects.get(slug="imprint")
    assert page.kind == "legal" and page.published_revision is None
    page = page_publish(revision=first, actor=office)
    assert page.published_revision == first
    second = _save(office, body="## Anbieterin\nStadt Gütersloh, Der Bürgermeister")
    assert second.number == 2
    page.refresh_from_db()
    assert page.published_revision_id == first.pk  # still the old one until published
    page_publish(revision=second, actor=office)
    page.refresh_from_db()
    assert page.published_revision_id == second.pk
    assert PageRevision.objects.filter(page=page).count() == 2
    actions = list(
        AuditEntry.objects.filter(action__startswith="pages.").values_list("action", flat=True)
    )
    assert sorted(actions) == sorted(["pages.revision_save"] * 2 + ["pages.publish"] * 2)


def test_publishing_the_public_version_again_is_refused(office):
    revision = _save(office)
    page_publish(revision=revision, actor=office)
    with pytest.raises(ValidationError):
        page_publish(revision=revision, actor=office)


@pytest.mark.parametrize("role", [None, "participant", "guide", "moderator"])
def test_only_the_programme_office_saves_or_publishes(role, request, office):
    revision = _save(office)
    actor = request.getfixturevalue(role) if role else None
    with pytest.raises(PermissionDenied):
        _save(actor, body="anders")
    with pytest.raises(PermissionDenied):
        page_publish(revision=revision, actor=actor)
    assert PageRevision.objects.count() == 1
    assert Page.objects.get().published_revision is None


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"title": "  "}, "title", "Bitte geben Sie der Seite einen Titel."),
        ({"title": "x" * 201}, "title", "zu lang"),
        ({"title": "Zeile\nzwei"}, "title", "Zeilenumbrüche"),
        ({"body": ""}, "body", "Bitte schreiben Sie den Text der Seite."),
        ({"body": "x" * 50_001}, "body", "zu lang"),
        ({"body": "Text \x07 mit Klingel"}, "body", "Steuerzeichen"),
        ({"body": "[[bild:gibtsnicht]]\nText"}, "body", "gibtsnicht"),
        ({"slug": "unbekannt"}, "slug", "keine solche Seite"),
    ],
)
def test_bad_input_is_refused_with_a_german_message(office, kwargs, field, message):
    with pytest.raises(ValidationError) as exc:
        _save(office, **kwargs)
    assert message in " ".join(exc.value.message_dict[field])
    assert PageRevision.objects.count() == 0
    assert not AuditEntry.objects.filter(action="pages.revision_save").exists()


def test_saving_the_same_text_twice_is_refused(office):
    _save(office)
    with pytest.raises(ValidationError) as exc:
        _save(office)
    assert "nicht geändert" in str(exc.value)
    assert PageRevision.objects.count() == 1


def test_hostile_html_is_rendered_harmless(office):
    body = (
        "## <img src=x onerror=alert(1)>\n"
        "<script>alert('x')</script>\n"
        "[klick](javascript:alert(1)) <a href='x' onclick='y'>a</a>\n"
        "[[bild:idee]]\n<iframe src=https://evil.example></iframe>"
    )
    html = _save(office, body=body, title="<b>Titel</b>").body_html
    assert "<script" not in html and "<img src=x" not in html and "<iframe" not in html
    assert 'href="javascript' not in html and "<a href='x' onclick" not in html
    assert "<img src=x onerror" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;script&gt;" in html
    assert '<h2 class="kern-heading-medium"' in html


def test_rendering_gives_sections_with_anchors_and_pictograms():
    html = render_page(
        "Einleitung\n\n## Rechte der Betroffenen\nText\n## Rechte der Betroffenen\n"
        "### Unterpunkt\n[[bild:idee]]\nEine Idee.\nZweiter Satz."
    )
    assert '<h2 class="kern-heading-medium" id="rechte-der-betroffenen">' in html
    assert 'id="rechte-der-betroffenen-2"' in html
    assert '<h3 class="kern-heading-small" id="unterpunkt">' in html
    assert 'src="/static/pages/pictograms/idee.svg" alt=""' in html
    assert "Eine Idee.<br>" in html or "Eine Idee.<br />" in html


def test_the_easy_language_idea_path_covers_every_real_status():
    assert set(STATUS_EASY) == set(IdeaStatus.values)
    assert sorted(STATUS_PATH_ORDER) == sorted(IdeaStatus.values)


# --- sign language videos ---------------------------------------------------------------


def _video(data=MP4_HEAD, name="dgs.mp4"):
    return SimpleUploadedFile(name, data, content_type="video/mp4")


def _vtt(data=VTT):
    return SimpleUploadedFile("dgs.vtt", data, content_type="text/vtt")


def test_office_saves_a_video_with_captions_and_transcript(office):
    slot = sign_video_save(
        topic="participate",
        actor=office,
        video=_video(),
        captions=_vtt(),
        transcript="Hallo. <script>x</script>",
    )
    assert slot.has_video and slot.video_type == "video/mp4"
    assert slot.video.name.endswith(".mp4") and slot.captions.name.endswith(".vtt")
    assert "<script" not in slot.transcript_html
    # A new transcript alone keeps the video and captions.
    slot = sign_video_save(topic="participate", actor=office, transcript="Neu.")
    assert slot.has_video and slot.transcript == "Neu."
    assert AuditEntry.objects.filter(action="pages.sign_video_save").count() == 2
    sign_video_remove(topic="participate", actor=office)
    assert not SignVideo.objects.exists()


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "bild.mp4"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 40, "foto.mp4"),
        (b"<html><script>alert(1)</script></html>", "seite.webm"),
        (b"", "leer.mp4"),
    ],
)
def test_a_file_that_is_not_a_video_is_refused(office, data, name):
    with pytest.raises(ValidationError) as exc:
        sign_video_save(
            topic="about", actor=office, video=_video(data, name), captions=_vtt(), transcript="T"
        )
    assert "kein Video" in " ".join(exc.value.message_dict["video"])
    assert not SignVideo.objects.exists()


def test_a_video_over_the_size_limit_is_refused(office, settings):
    settings.SIGN_VIDEO_MAX_BYTES = 50
    with pytest.raises(ValidationError) as exc:
        sign_video_save(
            topic="about", actor=office, video=_video(), captions=_vtt(), transcript="T"
        )
    assert "zu groß" in " ".join(exc.value.message_dict["video"])


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"video": None}, "video"),
        ({"captions": None}, "captions"),
        ({"captions": "not-vtt"}, "captions"),
        ({"captions": "no-cue"}, "captions"),
        ({"transcript": "  "}, "transcript"),
        ({"transcript": "x" * 20_001}, "transcript"),
        ({"video_url": "https://video.example.de/dgs.mp4"}, "video_url"),  # file and URL
    ],
)
def test_a_slot_needs_video_captions_and_transcript(office, kwargs, field):
    data = {"video": _video(), "captions": _vtt(), "transcript": "Text"}
    data.update(kwargs)
    if data["captions"] == "not-vtt":
        data["captions"] = _vtt(b"1\n00:00:00,000 --> 00:00:02,000\nSRT, kein VTT\n")
    elif data["captions"] == "no-cue":
        data["captions"] = _vtt(b"WEBVTT\n\nNOTE nur eine Notiz\n")
    with pytest.raises(ValidationError) as exc:
        sign_video_save(topic="about", actor=office, **data)
    assert field in exc.value.message_dict
    assert not SignVideo.objects.exists()


def test_a_video_on_the_citys_host(office, settings):
    with pytest.raises(ValidationError) as exc:  # no host configured
        sign_video_save(
            topic="help", actor=office, video_url="https://video.example.de/a.mp4",
            captions=_vtt(), transcript="T",
        )  # fmt: skip
    assert "video_url" in exc.value.message_dict
    settings.SIGN_VIDEO_HOSTS = ["https://video.example.de"]
    for bad in (
        "http://video.example.de/a.mp4",
        "https://evil.example/a.mp4",
        "javascript:alert(1)",
    ):
        with pytest.raises(ValidationError):
            sign_video_save(
                topic="help", actor=office, video_url=bad, captions=_vtt(), transcript="T"
            )
    slot = sign_video_save(
        topic="help", actor=office, video_url="https://video.example.de/a.mp4",
        captions=_vtt(), transcript="T",
    )  # fmt: skip
    assert slot.has_video and slot.source_url == "https://video.example.de/a.mp4"


@pytest.mark.parametrize("role", [None, "participant", "guide", "moderator"])
def test_only_the_office_changes_videos(role, request, office):
    sign_video_save(topic="about", actor=office, video=_video(), captions=_vtt(), transcript="T")
    actor = request.getfixturevalue(role) if role else None
    with pytest.raises(PermissionDenied):
        sign_video_save(topic="about", actor=actor, transcript="Anders")
    with pytest.raises(PermissionDenied):
        sign_video_remove(topic="about", actor=actor)
    assert SignVideo.objects.get().transcript == "T"
