"""The shoe advisor's questionnaire: the core checks the answers, errors sit on fields."""

from __future__ import annotations

from typing import Any

from django import forms

from hipfirst.core.errors import InvalidAnswer
from hipfirst.core.shoes import ShoeAnswers, parse_shoe_answers

YES_NO = [("yes", "Yes"), ("no", "No")]
DROP_CHOICES = [
    ("", "No preference, or I don't know"),
    *((str(mm), f"{mm} mm") for mm in (0, 4, 5, 6, 8, 10, 12)),
]


class ShoeAnswersForm(forms.Form):
    """The six questions of ``hipfirst shoes``, with the same names as its JSON file."""

    knee_collapse = forms.ChoiceField(
        label="When you squat on one leg, does your knee move inward?",
        help_text=(
            "Face a mirror, stand on one leg and bend the knee a little. Does the knee drift "
            "inside the line from your hip to your foot? If you did the movement check, use "
            "what it showed."
        ),
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    overpronation = forms.ChoiceField(
        label="Do your feet roll in when you land?",
        help_text=(
            "A physio or a running shop may have told you, or your old shoes wear down on "
            "the inside."
        ),
        choices=[
            ("none", "No, or not that I know of"),
            ("mild", "A little"),
            ("heavy", "A lot"),
        ],
        widget=forms.RadioSelect,
    )
    cadence_goal = forms.ChoiceField(
        label="Are you working on a quicker step (a higher cadence)?",
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    foot_strike = forms.ChoiceField(
        label="Which part of your foot lands first?",
        choices=[
            ("heel", "My heel"),
            ("mid", "The middle of my foot"),
            ("fore", "The ball of my foot"),
            ("unknown", "I don't know"),
        ],
        widget=forms.RadioSelect,
    )
    preferred_drop_mm = forms.ChoiceField(
        label="The heel-to-toe drop you like",
        help_text=(
            "How much higher the heel sits than the toes, in a shoe you find comfortable. "
            "Shop pages list it."
        ),
        choices=DROP_CHOICES,
        required=False,
    )
    budget = forms.IntegerField(
        label="Your budget, in US dollars (optional)",
        help_text="Leave it empty to see shoes at any price.",
        required=False,
        min_value=1,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["budget"].widget.attrs["inputmode"] = "numeric"
        self.shoe_answers: ShoeAnswers | None = None

    def clean(self) -> dict[str, Any]:  # Any: Django's cleaned data
        cleaned: dict[str, Any] = super().clean() or {}
        if self.errors:
            return cleaned
        drop = cleaned.get("preferred_drop_mm")
        document = {
            "knee_collapse": cleaned["knee_collapse"] == "yes",
            "overpronation": cleaned["overpronation"],
            "cadence_goal": cleaned["cadence_goal"] == "yes",
            "foot_strike": cleaned["foot_strike"],
            "preferred_drop_mm": int(drop) if drop else None,
            "budget": cleaned.get("budget"),
        }
        try:
            self.shoe_answers = parse_shoe_answers(document)
        except InvalidAnswer as exc:  # the core is the one judge of a valid answer
            self.add_error(exc.field if exc.field in self.fields else None, exc.message)
        return cleaned
