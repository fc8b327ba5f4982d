from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ReportReason
from .services import MAX_BLOCK_DAYS, OBJECTION_MAX, REASON_MAX


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
    ground = forms.ChoiceField(
        label=_("Rule that the content breaks"),
        required=False,
        choices=[("", _("as most reports say"))] + list(ReportReason.choices),
        error_messages={"invalid_choice": _("Please choose a rule from the list.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ObjectionForm(forms.Form):
    text = forms.CharField(
        label=_("Why is the decision wrong?"),
        max_length=OBJECTION_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Please say why the decision is wrong."),
            "max_length": _("At most %(limit_value)d characters, please."),
        },
    )


class ObjectionDecisionForm(forms.Form):
    OUTCOMES = (("uphold", _("Uphold the decision")), ("reverse", _("Reverse the decision")))
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=OUTCOMES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose an outcome."),
            "invalid_choice": _("Please choose an outcome."),
        },
    )
    reason = forms.CharField(
        label=_("Reasons for the outcome"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Please give a reason. The person will read it.")},
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
