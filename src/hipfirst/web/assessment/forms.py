"""The wizard's forms. Each one's ``clean()`` asks the core to check its section, so a
form and an answers file are held to one schema and any error sits on its field."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms

from hipfirst.core.assessment import check_section
from hipfirst.core.errors import InvalidAnswer
from hipfirst.core.kujala import KUJALA_ITEMS
from hipfirst.core.triage import RED_FLAG_QUESTIONS

YES_NO = (("yes", "Yes"), ("no", "No"))


class SectionForm(forms.Form):
    """A form for one section of the answers document."""

    section: str

    def section_value(self) -> Any:  # Any: the section as JSON
        """The cleaned data in the answers document's vocabulary."""
        return dict(self.cleaned_data)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors:
            self._check(self.section, self.section_value())
        return cleaned

    def _check(self, section: str, value: Any) -> None:  # Any: JSON
        try:
            check_section(section, value)
        except InvalidAnswer as exc:
            name = (exc.field or "").partition(".")[2].partition("[")[0]
            self.add_error(name if name in self.fields else None, exc.message)


def _yes_no(label: str, help_text: str = "") -> forms.TypedChoiceField:
    """A required yes/no question: no default, so the runner must choose."""
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=YES_NO,
        coerce=lambda answer: answer == "yes",
        widget=forms.RadioSelect,
    )


class ProfileForm(SectionForm):
    section = "profile"

    age = forms.IntegerField(label="Your age (years)", min_value=0, max_value=120)
    sex = forms.ChoiceField(
        label="Your sex",
        choices=(("female", "Female"), ("male", "Male"), ("other", "Other")),
        widget=forms.RadioSelect,
        help_text="Movement norms differ a little between women and men.",
    )
    height_cm = forms.FloatField(label="Height (cm)", min_value=1, max_value=300)
    weight_kg = forms.FloatField(
        label="Weight (kg), optional", required=False, min_value=1, max_value=500
    )
    weekly_km = forms.FloatField(
        label="How far you run in a normal week (km)", min_value=0, max_value=1000
    )
    years_running = forms.FloatField(
        label="How many years you have run", min_value=0, max_value=120
    )
    sitting_hours_per_day = forms.FloatField(
        label="Hours you sit on a normal day",
        min_value=0,
        max_value=24,
        help_text="Work, driving and the sofa all count.",
    )
    shoes = forms.CharField(
        label="Your running shoes",
        required=False,
        max_length=2000,
        help_text="Brand and model, if you know them.",
    )
    injuries = forms.CharField(
        label="Earlier injuries",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Anything that stopped you running before, and when.",
    )


class RedFlagForm(SectionForm):
    """One yes/no question per red flag; every one must be answered."""

    section = "red_flags"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for flag in RED_FLAG_QUESTIONS:  # only asked flags, so each has its question
            self.fields[flag.id] = _yes_no(flag.question or flag.id)


class SymptomsForm(SectionForm):
    """Where and when it hurts, and how much (the pain section rides along)."""

    section = "symptoms"

    pain_location = forms.ChoiceField(
        label="Where does your knee hurt most?",
        widget=forms.RadioSelect,
        choices=(
            ("front", "At the front of the knee"),
            ("around_kneecap", "Around or behind the kneecap"),
            ("outside", "On the outside of the knee"),
            ("inside", "On the inside of the knee"),
            ("back", "At the back of the knee"),
            ("diffuse", "All over, hard to point to"),
        ),
    )
    side = forms.ChoiceField(
        label="Which knee?",
        widget=forms.RadioSelect,
        choices=(("left", "Left"), ("right", "Right"), ("both", "Both")),
    )
    worse_with = forms.MultipleChoiceField(
        label="What makes it worse? Tick all that apply.",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=(
            ("stairs_down", "Going down stairs"),
            ("stairs_up", "Going up stairs"),
            ("squatting", "Squatting"),
            ("prolonged_sitting", "Sitting for a long time with bent knees"),
            ("running", "Running"),
            ("downhill_running", "Running downhill"),
            ("kneeling", "Kneeling"),
            ("jumping", "Jumping"),
        ),
    )
    onset = forms.ChoiceField(
        label="How did it start?",
        widget=forms.RadioSelect,
        choices=(("gradual", "Slowly, over days or weeks"), ("sudden", "Suddenly, at one moment")),
    )
    dead_butt_feeling = _yes_no(
        "Does your buttock on that side ever feel 'dead', numb-ish or switched off?",
        "For example after sitting for a long time.",
    )
    tight_hamstrings = _yes_no("Do the backs of your thighs (hamstrings) often feel tight?")
    pain_now = forms.IntegerField(
        label="Pain right now (0 = none, 10 = worst imaginable)", min_value=0, max_value=10
    )
    pain_usual = forms.IntegerField(
        label="Usual pain over the last week (0–10)", min_value=0, max_value=10
    )
    pain_worst = forms.IntegerField(
        label="Worst pain over the last week (0–10)", min_value=0, max_value=10
    )

    PAIN_FIELDS: ClassVar[dict[str, str]] = {
        "pain_now": "now",
        "pain_usual": "usual",
        "pain_worst": "worst",
    }

    def section_value(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {key: data[key] for key in self.fields if key not in self.PAIN_FIELDS}

    def pain_value(self) -> dict[str, int]:
        """The pain section: now, usual and worst, 0–10."""
        return {name: self.cleaned_data[field] for field, name in self.PAIN_FIELDS.items()}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.errors:
            try:
                check_section("pain", self.pain_value())
            except InvalidAnswer as exc:
                field = "pain_" + (exc.field or "").partition(".")[2]
                self.add_error(field if field in self.fields else None, exc.message)
        return cleaned


class KujalaForm(SectionForm):
    """The 13 Kujala items, each with its published options, as radio buttons."""

    section = "kujala"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for item in KUJALA_ITEMS:
            self.fields[f"item_{item.number}"] = forms.ChoiceField(
                label=f"{item.number}. {item.question}",
                choices=[(option.letter, option.text) for option in item.options],
                widget=forms.RadioSelect,
            )

    def section_value(self) -> list[str]:
        return [self.cleaned_data[f"item_{item.number}"] for item in KUJALA_ITEMS]

    def _check(self, section: str, value: Any) -> None:  # Any: JSON
        try:
            check_section(section, value)
        except InvalidAnswer as exc:
            index = (exc.field or "").partition("[")[2].rstrip("]")
            field = f"item_{int(index) + 1}" if index.isdigit() else None
            self.add_error(field, exc.message)


class ClearanceForm(forms.Form):
    """The runner confirms that a clinician has seen them and cleared them to exercise."""

    confirm = forms.BooleanField(
        label="A doctor or physiotherapist has examined my knee and said I can start exercising.",
    )
