"""The programme's forms. Each ``clean()`` asks the core, so an error sits on its field."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms

from hipfirst.core.assessment import AssessmentResult
from hipfirst.core.errors import HipfirstError
from hipfirst.core.exercises import Equipment
from hipfirst.core.programme import Prescription, build_plan
from hipfirst.core.programme_logs import ExerciseLog, SessionLog
from hipfirst.core.programme_rules import Weekday, parse_days, parse_equipment

DAY_CHOICES = [
    (Weekday.MON.value, "Monday"),
    (Weekday.TUE.value, "Tuesday"),
    (Weekday.WED.value, "Wednesday"),
    (Weekday.THU.value, "Thursday"),
    (Weekday.FRI.value, "Friday"),
    (Weekday.SAT.value, "Saturday"),
    (Weekday.SUN.value, "Sunday"),
]
EQUIPMENT_CHOICES = [
    (Equipment.BAND.value, "A resistance band (a loop band)"),
    (Equipment.STEP.value, "A step or a stair"),
    (Equipment.DUMBBELL.value, "A dumbbell or kettlebell"),
    (Equipment.WALL.value, "A clear stretch of wall"),
]
#: How far back a plan may start (to count sessions already done) and how far ahead.
EARLIEST_START, LATEST_START = timedelta(days=14), timedelta(days=60)
#: Most sets, and most reps or seconds a set, anyone logs; beyond that it is a typo.
MOST_SETS, MOST_PER_SET = 10, 600


def _add_core_error(form: forms.Form, exc: HipfirstError, fields: dict[str, str]) -> None:
    """Put the core's message on the form field that matches its ``field``, else on top."""
    field = fields.get(exc.field or "", exc.field)
    form.add_error(field if field in form.fields else None, exc.message)


class StartPlanForm(forms.Form):
    """When to start, which days and what kit; clean() builds the plan to check it."""

    start = forms.DateField(
        label="Start on",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Week 1 begins on this day.",
    )
    days = forms.MultipleChoiceField(
        label="Exercise days",
        choices=DAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text="Three days with a rest day between them suit most runners (Monday, "
        "Wednesday, Friday).",
    )
    equipment = forms.MultipleChoiceField(
        label="What you have at home",
        choices=EQUIPMENT_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Nothing is fine: the plan picks exercises you can do with what you have.",
    )

    def __init__(self, *args: Any, result: AssessmentResult, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.result, self.today = result, today

    def clean_start(self) -> date:
        start: date = self.cleaned_data["start"]
        if start < self.today - EARLIEST_START:
            raise forms.ValidationError("Choose a start no more than two weeks ago.")
        if start > self.today + LATEST_START:
            raise forms.ValidationError("Choose a start within the next two months.")
        return start

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        try:
            self.chosen_days = parse_days(cleaned["days"])
            self.chosen_equipment = parse_equipment(cleaned["equipment"])
            build_plan(
                self.result,
                start=cleaned["start"],
                equipment=self.chosen_equipment,
                days=self.chosen_days,
            )
        except HipfirstError as exc:
            _add_core_error(self, exc, {})
        return cleaned


def _score(label: str, *, required: bool, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=0,
        max_value=10,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class ExerciseLogForm(forms.Form):
    """Sets done and reps (or seconds held) in each set of one prescribed exercise."""

    sets = forms.IntegerField(
        label="Sets done",
        min_value=0,
        max_value=MOST_SETS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    per_set = forms.IntegerField(
        label="Reps in each set",
        min_value=0,
        max_value=MOST_PER_SET,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    good_form = forms.BooleanField(
        label="Good form in every rep: none of the \u201cyou\u2019re cheating if\u201d signs",
        required=False,
    )

    def __init__(self, *args: Any, prescription: Prescription, **kwargs: Any) -> None:
        kwargs["prefix"] = prescription.exercise_id  # one form per exercise of the session
        super().__init__(*args, **kwargs)
        self.prescription = prescription
        dose = prescription.dose
        self.is_hold = dose is not None and dose.hold_s is not None
        label = "Seconds held in each set" if self.is_hold else "Reps in each set"
        is_per_side = dose is not None and dose.is_per_side
        self.fields["per_set"].label = label + (" (each side)" if is_per_side else "")
        if dose is not None and not self.initial:  # nothing logged yet: offer the plan's dose
            self.initial = {"sets": dose.sets, "per_set": dose.reps or dose.hold_s}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        done = (cleaned["per_set"],) * cleaned["sets"]
        try:
            self.exercise_log = ExerciseLog(
                exercise_id=self.prescription.exercise_id,
                reps_done=() if self.is_hold else done,
                held_s=done if self.is_hold else (),
                has_good_form=bool(cleaned["good_form"]),
            )
        except HipfirstError as exc:
            _add_core_error(self, exc, {self.prescription.exercise_id: "per_set"})
        return cleaned


class SessionLogForm(forms.Form):
    """Pain before, during, after and the next morning (0–10), and effort (RPE 0–10)."""

    pain_before = _score(
        "Knee pain before you started (out of 10), optional",
        required=False,
        help_text="Left empty, your usual pain from the knee check counts as \u201cbefore\u201d.",
    )
    pain_during = _score("Knee pain during the exercises (out of 10)", required=True)
    pain_after = _score("Knee pain just after (out of 10)", required=True)
    pain_next_morning = _score(
        "Knee pain the next morning (out of 10)",
        required=False,
        help_text="Come back tomorrow morning to add it: it tells the plan whether your "
        "knee settled.",
    )
    effort = _score(
        "How hard was the session? (out of 10), optional",
        required=False,
        help_text="0 is resting, 10 the hardest effort you could make (RPE).",
    )

    FIELDS = (  # the core's field names are these, e.g. "pain_during"
        "pain_before",
        "pain_during",
        "pain_after",
        "pain_next_morning",
        "effort",
    )

    def __init__(self, *args: Any, on: date, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.on, self.today = on, today

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.on > self.today:
            raise forms.ValidationError(
                f"This session is on {self.on:%A} {self.on.day} {self.on:%B}; you can log it "
                "from that day."
            )
        if not self.errors:
            try:
                self.session_log(())  # the core checks every score
            except HipfirstError as exc:
                _add_core_error(self, exc, {})
        return cleaned

    def session_log(self, exercises: tuple[ExerciseLog, ...]) -> SessionLog:
        """The checked scores with the exercises' logs, as the core's ``SessionLog``."""
        data = self.cleaned_data
        return SessionLog(
            on=self.on,
            exercises=exercises,
            pain_during_0_10=data["pain_during"],
            pain_after_0_10=data["pain_after"],
            pain_next_morning_0_10=data["pain_next_morning"],
            pain_before_0_10=data["pain_before"],
            effort_rpe_0_10=data["effort"],
        )
