from django import forms
from django.utils.translation import gettext_lazy as _

from aufbruch.core.forms import StaffForm

from .importers import MAX_PARAGRAPH, MAX_SOURCE_CHARS
from .models import CitationKind, VoteChoice
from .services import COMMENT_MAX, INTRO_MAX, NOTE_MAX, REASON_MAX, REFERENCE_MAX, TITLE_MAX


class CommentForm(StaffForm):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Simple formatting: *italic*, **bold**, links. At most 5,000 characters."),
        error_messages={"required": _("Please write a comment.")},
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class AmendmentForm(StaffForm):
    text = forms.CharField(
        label=_("Your proposed wording"),
        max_length=MAX_PARAGRAPH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The whole paragraph as you would like it to read."),
        error_messages={"required": _("Please write the new wording.")},
    )
    reason = forms.CharField(
        label=_("Why this change?"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Please explain why you propose it.")},
    )


class VoteForm(forms.Form):
    choice = forms.ChoiceField(
        choices=VoteChoice.choices,
        error_messages={
            "required": _("Please choose agree, disagree or abstain."),
            "invalid_choice": _("Please choose agree, disagree or abstain."),
        },
    )


class DocumentCreateForm(StaffForm):
    title = forms.CharField(
        label=_("Title"), max_length=TITLE_MAX, initial="Digitale Agenda – Entwurf"
    )
    intro = forms.CharField(
        label=_("Introduction"),
        max_length=INTRO_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    source = forms.CharField(
        label=_("Text in Markdown"),
        required=False,
        max_length=MAX_SOURCE_CHARS,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Headings (#, ##, ###) become sections, paragraphs separated by a blank line become commentable units."
        ),
    )
    upload = forms.FileField(
        label=_("… or a file (.docx, .odt, .md)"),
        required=False,
        help_text=_("At most 5 MB. Headings become sections, paragraphs become commentable units."),
    )


class ImportForm(StaffForm):
    source = DocumentCreateForm.base_fields["source"]
    upload = DocumentCreateForm.base_fields["upload"]


class DocumentSettingsForm(StaffForm):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    intro = forms.CharField(
        label=_("Introduction"),
        max_length=INTRO_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    comments_open = forms.BooleanField(label=_("Residents may comment"), required=False)
    amendments_open = forms.BooleanField(
        label=_("Residents may propose amendments"), required=False
    )
    voting_open = forms.BooleanField(label=_("Residents may vote on sections"), required=False)
    opens_at = forms.DateTimeField(
        label=_("Participation opens"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    closes_at = forms.DateTimeField(
        label=_("Participation closes"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class NoteForm(StaffForm):
    note = forms.CharField(
        label=_("What changed in this version"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Please say in a sentence what changed in this version.")},
    )


class AdoptForm(StaffForm):
    version = forms.TypedChoiceField(label=_("Adopted version"), coerce=int)
    adopted_on = forms.DateField(
        label=_("Date of the council decision"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reference = forms.CharField(label=_("Reference of the decision"), max_length=REFERENCE_MAX)
    committee_meeting = forms.TypedChoiceField(
        label=_("Committee meeting"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, versions=(), meetings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].choices = [
            (v.pk, _("Version %(n)d") % {"n": v.number}) for v in versions
        ]
        self.fields["committee_meeting"].choices = [("", _("None"))] + [
            (m.pk, f"{m.committee}, {m.date:%d.%m.%Y} ({m.reference})") for m in meetings
        ]


class ParagraphEditForm(StaffForm):
    text = forms.CharField(
        label=_("Wording"), max_length=MAX_PARAGRAPH, widget=forms.Textarea(attrs={"rows": 6})
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed once the text is published; shown with the change."),
    )


class CitationForm(StaffForm):
    kind = forms.ChoiceField(label=_("Kind of evidence"), choices=CitationKind.choices)
    object_id = forms.IntegerField(
        label=_("Number"),
        min_value=1,
        help_text=_("The number of the idea, recommendation, survey or assumption."),
    )


class DecisionForm(StaffForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("accept")), ("reject", _("reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reasons"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for a rejection. The author and the supporters read them."),
    )


class MergeForm(StaffForm):
    amendments = forms.TypedMultipleChoiceField(
        label=_("Amendments to merge"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    text = forms.CharField(
        label=_("Merged wording"),
        max_length=MAX_PARAGRAPH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    reason = forms.CharField(
        label=_("Reasons"), max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, amendments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amendments"].choices = [
            (a.pk, f"#{a.pk} – {a.author.public_name}") for a in amendments
        ]
