"""Template filters: show sources as citations a runner can look up."""

from __future__ import annotations

import re

from django import template

register = template.Library()

# Our sources point developers at the fact sheets ("../shared/science/x.md, section 2")
# and their reference labels ("[C5]"); a runner needs the paper, not those.
_FACT_SHEET = re.compile(r"[,;]?\s*(?:(?:Both|All) in )?\.\./shared/science/\S+\.md.*$", re.DOTALL)
_FOLDER = re.compile(r"\bin \.\./shared/science\b")
_LABEL = re.compile(r"\s*\[[A-Z]+\d+(?:,\s*[A-Z]+\d+)*\]")


@register.filter
def citation(source: str) -> str:
    """The source as a citation, or ``""`` when it is only a pointer to a fact sheet."""
    text = _LABEL.sub("", _FACT_SHEET.sub("", _FOLDER.sub("we have read", source)))
    text = text.strip(" ;,.")
    return f"{text}." if text else ""
