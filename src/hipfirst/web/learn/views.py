"""The learn pages and the shoe advisor: open to everyone, nothing stored."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from hipfirst.core.learn import gta_rows, learn_page, learn_pages, stress_illustration
from hipfirst.core.shoes import Advice, ShoeAdvice, recommend_shoes
from hipfirst.web.learn.audio import page_audio
from hipfirst.web.learn.forms import ShoeAnswersForm


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """Every learn page, the daily habits and the shoe advisor."""
    return render(request, "learn/index.html", {"pages": learn_pages()})


@require_safe
def page(request: HttpRequest, slug: str) -> HttpResponse:
    """One learn page with its sources, a listen button and, when built, its recording."""
    shown = learn_page(slug)
    if shown is None:
        raise Http404(slug)
    figures = {section.figure for section in shown.sections}
    context = {
        "page": shown,
        "audio": page_audio(shown),
        "stress": stress_illustration() if "stress" in figures else None,
        "gta_rows": gta_rows() if "gta" in figures else (),
    }
    return render(request, "learn/page.html", context)


@require_safe
def shoes(request: HttpRequest) -> HttpResponse:
    """The shoe advisor's questions; a previous set of answers comes back filled in."""
    form = ShoeAnswersForm(initial=request.GET.dict())
    return render(request, "learn/shoes.html", {"form": form})


@require_safe
def shoe_results(request: HttpRequest) -> HttpResponse:
    """Three shoes to try on, with reasons, and what shoes can and cannot do."""
    form = ShoeAnswersForm(request.GET)
    if not form.is_valid() or form.shoe_answers is None:
        return render(request, "learn/shoes.html", {"form": form}, status=400)
    advice = recommend_shoes(form.shoe_answers)
    context = {
        "advice": advice,
        "sources": _sources_used(advice),
        "answers_query": request.GET.urlencode(),
    }
    return render(request, "learn/shoe_results.html", context)


def _sources_used(advice: ShoeAdvice) -> list[str]:
    """The full citation of every study the reasons and caveats cite, once each, in order."""
    sentences: Iterable[Advice] = chain(
        (reason for pick in advice.recommendations for reason in pick.reasons), advice.caveats
    )
    keys = dict.fromkeys(key for sentence in sentences for key in sentence.sources)
    return [advice.sources[key] for key in keys]
