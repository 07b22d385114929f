"""The learn pages: each renders with its sources, links in, and hides a missing recording."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hipfirst.core.learn import learn_pages
from tests.web.assessment.answers import example, step_posts
from tests.web.factories import make_runner

PAGES = learn_pages()


@pytest.fixture
def no_audio(settings, tmp_path):
    """An empty static folder in place of the package's: no recording exists."""
    settings.STATICFILES_DIRS = [tmp_path]
    return tmp_path


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.slug)
def test_every_learn_page_renders_with_its_sources(client: Client, page) -> None:
    """Anyone can read a page: title, every heading and every source are on it."""
    response = client.get(reverse("learn:page", args=[page.slug]))
    html = response.content.decode()

    assert response.status_code == 200
    assert page.title in html
    for section in page.sections:
        assert section.heading.replace("'", "&#x27;") in html
        for source in section.sources:
            assert source.replace("'", "&#x27;") in html


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.slug)
def test_every_page_marks_its_spoken_text_and_loads_no_inline_script(client: Client, page) -> None:
    """The listen button's script reads [data-listen-text]; scripts come from static files."""
    html = client.get(reverse("learn:page", args=[page.slug])).content.decode()

    assert html.count("data-listen-text") == len(page.listen_chunks())
    assert "<script>" not in html
    assert "style=" not in html
    assert "hipfirst/listen.js" in html


def test_the_knee_page_explains_stress_without_javascript(client: Client) -> None:
    """The table of areas and stresses is in the HTML; the slider waits for the script."""
    html = client.get(reverse("learn:page", args=["knee"])).content.decode()

    assert "data-stress-live hidden" in html
    assert "<td>200</td><td>16.1</td>" in html
    assert "hipfirst/stress.js" in html


def test_the_glutes_page_shows_the_gta_table(client: Client) -> None:
    """The verified GTA values from the exercise library, clam first."""
    html = client.get(reverse("learn:page", args=["glutes"])).content.decode()

    assert "<td>Clam</td><td>115</td>" in html


def test_hypotheses_are_labelled_on_the_page(client: Client) -> None:
    """The train on the tracks carries the 'idea, not a finding' label and a caution."""
    html = client.get(reverse("learn:page", args=["knee"])).content.decode()

    assert "An idea, not a finding" in html
    assert "How sure is this?" in html


def test_an_unknown_page_is_a_404(client: Client) -> None:
    """No page by that name."""
    assert client.get("/learn/no-such-page/").status_code == 404


def test_the_index_lists_every_page_and_the_shoe_advisor(client: Client) -> None:
    """The learn index links each page and the advisor."""
    html = client.get(reverse("learn:index")).content.decode()

    for page in PAGES:
        assert reverse("learn:page", args=[page.slug]) in html
    assert reverse("learn:shoes") in html


def test_the_main_menu_links_to_learn(client: Client) -> None:
    """Visitors and runners reach the learn pages from every page's menu."""
    html = client.get(reverse("home")).content.decode()

    assert f'href="{reverse("learn:index")}"' in html


@pytest.mark.django_db
def test_the_knee_check_results_link_to_the_condition_guide(client: Client) -> None:
    """A runner's results page points to the condition guide."""
    client.force_login(make_runner())
    client.post(reverse("assessment:start"))
    from hipfirst.web.assessment.models import Assessment  # noqa: PLC0415  # needs the app

    assessment = Assessment.objects.latest("pk")
    for step, data in step_posts(example("clean")).items():
        client.post(reverse("assessment:step", args=[assessment.pk, step]), data)

    html = client.get(reverse("assessment:results", args=[assessment.pk])).content.decode()

    assert reverse("learn:page", args=["conditions"]) in html


def test_without_a_recording_the_page_has_no_player(client: Client, no_audio) -> None:
    """A page whose audio was never built works and shows no audio player."""
    html = client.get(reverse("learn:page", args=["habits"])).content.decode()

    assert "<audio" not in html
    assert "data-listen-toggle" in html
