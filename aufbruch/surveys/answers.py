"""Reading submitted answers: one validation path for the web form, paper
entry, the API and tests. Conditions are evaluated here, on the server, so
the survey works without JavaScript: a question whose condition is not met
is ignored, whatever was sent for it."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import Question, QuestionKind

MAX_SHORT_TEXT = 200
MAX_LONG_TEXT = 5_000
NUMBER_LIMIT = Decimal("999999999999")


@dataclass
class ParsedAnswer:
    question: Question
    option_ids: list[int] = field(default_factory=list)  # choice and scale
    ranks: dict[int, int] = field(default_factory=dict)  # ranking: option id -> rank
    number: Decimal | None = None
    text: str = ""


def _getlist(data: Any, key: str) -> list[str]:
    if hasattr(data, "getlist"):
        values = data.getlist(key)
    else:
        value = data.get(key)
        values = (
            [] if value is None else list(value) if isinstance(value, list | tuple) else [value]
        )
    return [str(v).strip() for v in values if str(v).strip() != ""]


def ranking_field_name(question: Question, option) -> str:
    return f"{question.field_name}_{option.pk}"


def is_visible(question: Question, chosen: dict[int, set[int]]) -> bool:
    """A question with a condition is shown only if its option was chosen."""
    if question.condition_option_id is None:
        return True
    option = question.condition_option
    return option.pk in chosen.get(option.question_id, set())


def _parse_one(question: Question, data: Any) -> ParsedAnswer | None:
    """The answer to one question, None if it was left empty; ValidationError if it is wrong."""
    options = {o.pk: o for o in question.options.all()}
    name = question.field_name
    kind = question.kind
    if kind in (QuestionKind.SINGLE, QuestionKind.LIKERT, QuestionKind.MULTIPLE):
        raw = _getlist(data, name)
        if not raw:
            return None
        if kind != QuestionKind.MULTIPLE and len(raw) > 1:
            raise ValidationError(_("Please choose only one answer."))
        try:
            ids = [int(v) for v in raw]
        except ValueError as exc:
            raise ValidationError(_("Please choose one of the given answers.")) from exc
        if any(i not in options for i in ids):
            raise ValidationError(_("Please choose one of the given answers."))
        return ParsedAnswer(question, option_ids=list(dict.fromkeys(ids)))
    if kind == QuestionKind.RANKING:
        ranks: dict[int, int] = {}
        for pk in options:
            raw = _getlist(data, f"{name}_{pk}")
            if not raw:
                continue
            try:
                rank = int(raw[0])
            except ValueError as exc:
                raise ValidationError(_("Please give each entry a place from the list.")) from exc
            if not 1 <= rank <= len(options):
                raise ValidationError(_("Please give each entry a place from the list."))
            ranks[pk] = rank
        if not ranks:
            return None
        if len(ranks) != len(options):
            # A ranking is complete or empty: averages of partial rankings are not comparable.
            raise ValidationError(
                _("Please give every entry a place.")
                if question.required
                else _("Please give every entry a place, or none to skip the question.")
            )
        if len(set(ranks.values())) != len(ranks):
            raise ValidationError(_("Each place can only be given once."))
        return ParsedAnswer(question, ranks=ranks)
    raw = _getlist(data, name)
    if not raw:
        return None
    if kind == QuestionKind.NUMBER:
        try:
            number = Decimal(raw[0].replace(",", "."))
        except InvalidOperation as exc:
            raise ValidationError(_("Please enter a number.")) from exc
        if (
            not number.is_finite()
            or abs(number) > NUMBER_LIMIT
            or number != number.quantize(Decimal("0.01"))
        ):
            raise ValidationError(_("Please enter a number with at most two decimal places."))
        if question.min_value is not None and number < question.min_value:
            raise ValidationError(
                _("Please enter a number of at least %(min)s.") % {"min": question.min_value}
            )
        if question.max_value is not None and number > question.max_value:
            raise ValidationError(
                _("Please enter a number of at most %(max)s.") % {"max": question.max_value}
            )
        return ParsedAnswer(question, number=number)
    limit = MAX_SHORT_TEXT if kind == QuestionKind.SHORT_TEXT else MAX_LONG_TEXT
    text = raw[0]
    if len(text) > limit:
        raise ValidationError(
            _("Please use at most %(limit)s characters (you used %(count)s).")
            % {"limit": limit, "count": len(text)}
        )
    return ParsedAnswer(question, text=text)


def parse_answers(questions: list[Question], data: Any) -> list[ParsedAnswer]:
    """Validate all answers; raise ValidationError({field_name: [message]}) listing every problem.

    ``questions`` must be in survey order with their options prefetched.
    """
    errors: dict[str, list[str]] = {}
    parsed: list[ParsedAnswer] = []
    chosen: dict[int, set[int]] = {}
    for question in questions:
        if not is_visible(question, chosen):
            continue
        try:
            answer = _parse_one(question, data)
        except ValidationError as exc:
            errors[question.field_name] = exc.messages
            continue
        if answer is None:
            if question.required:
                errors[question.field_name] = [_("Please answer this question.")]
            continue
        chosen[question.pk] = set(answer.option_ids)
        parsed.append(answer)
    if errors:
        raise ValidationError(errors)
    return parsed
