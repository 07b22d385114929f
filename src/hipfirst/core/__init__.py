"""The pure core of hipfirst: numbers in, frozen dataclasses out.

Nothing here imports Django, reads files (other than its own ``data/`` through
``importlib.resources``), the network, environment variables or the clock; callers pass
``today`` in. ``tests/core/test_purity.py`` enforces it.
"""

from hipfirst.core.assessment import (
    ANSWERS_SCHEMA,
    Answers,
    AssessmentResult,
    PainScores,
    Profile,
    Sex,
    assess,
    parse_answers,
    result_as_json,
)
from hipfirst.core.conditions import (
    Aggravator,
    ConditionId,
    LikelyCondition,
    Onset,
    PainLocation,
    Side,
    Symptoms,
    likely_conditions,
)
from hipfirst.core.errors import HipfirstError, InvalidAnswer, ProgrammeBlocked, UnreadableFile
from hipfirst.core.kujala import (
    AKPS_MCID_POINTS,
    KUJALA_ITEMS,
    KUJALA_VERSION,
    KujalaChange,
    KujalaChangeKind,
    KujalaItem,
    KujalaOption,
    KujalaScore,
    compare_kujala,
    score_kujala,
)
from hipfirst.core.triage import (
    RED_FLAG_QUESTIONS,
    RED_FLAGS,
    RedFlag,
    RedFlagScreen,
    Referral,
    Urgency,
    screen_red_flags,
)

__all__ = [
    "AKPS_MCID_POINTS",
    "ANSWERS_SCHEMA",
    "KUJALA_ITEMS",
    "KUJALA_VERSION",
    "RED_FLAGS",
    "RED_FLAG_QUESTIONS",
    "Aggravator",
    "Answers",
    "AssessmentResult",
    "ConditionId",
    "HipfirstError",
    "InvalidAnswer",
    "KujalaChange",
    "KujalaChangeKind",
    "KujalaItem",
    "KujalaOption",
    "KujalaScore",
    "LikelyCondition",
    "Onset",
    "PainLocation",
    "PainScores",
    "Profile",
    "ProgrammeBlocked",
    "RedFlag",
    "RedFlagScreen",
    "Referral",
    "Sex",
    "Side",
    "Symptoms",
    "UnreadableFile",
    "Urgency",
    "assess",
    "compare_kujala",
    "likely_conditions",
    "parse_answers",
    "result_as_json",
    "score_kujala",
    "screen_red_flags",
]
