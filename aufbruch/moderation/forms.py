from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ReportReason
from .services import MAX_BLOCK_DAYS, REASON_MAX


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why are you reporting this?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose a reason."),
            "invalid_choice": _("Please choose a reason from the list."),
        },
    )
    explanation = forms.CharField(
        label=_("Explanation (optional, required for “other”)"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DecisionForm(forms.Form):
    ACTIONS = (("hide", _("Hide")), ("restore", _("Restore")), ("dismiss", _("Dismiss reports")))
    action = forms.ChoiceField(
        choices=ACTIONS, error_messages={"invalid_choice": _("Unknown action.")}
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BlockForm(forms.Form):
    days = forms.IntegerField(
        label=_("Block for how many days?"),
        min_value=1,
        max_value=MAX_BLOCK_DAYS,
        initial=7,
        error_messages={
            "required": _("Please enter a number of days."),
            "invalid": _("Please enter a whole number."),
        },
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Please give a reason. The person will read it.")},
    )


class UnblockForm(forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=REASON_MAX)
