"""The shoe advisor's pages: questions without JavaScript, three shoes, errors on fields."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

ANSWERS = {
    "knee_collapse": "yes",
    "overpronation": "heavy",
    "cadence_goal": "no",
    "foot_strike": "heel",
    "preferred_drop_mm": "12",
    "budget": "",
}


def test_the_questionnaire_asks_the_six_questions_with_a_plain_get_form(client: Client) -> None:
    """A GET form to the results page: it works without JavaScript."""
    response = client.get(reverse("learn:shoes"))
    html = response.content.decode()

    assert response.status_code == 200
    assert f'action="{reverse("learn:shoe_results")}"' in html
    assert 'method="get"' in html
    assert list(response.context["form"].fields) == list(ANSWERS)
    assert "<script" not in html


def test_the_questionnaire_says_what_shoes_can_and_cannot_do(client: Client) -> None:
    """Before any answer: no shoe treats knee pain or strengthens the hips."""
    html = client.get(reverse("learn:shoes")).content.decode()

    assert "No shoe has been shown to prevent or treat kneecap pain" in html
    assert "no shoe strengthens your hips" in html


def test_answers_give_three_shoes_with_reasons_and_caveats(client: Client) -> None:
    """Feet that roll in a lot: three supportive shoes, the motion-control one first."""
    response = client.get(reverse("learn:shoe_results"), ANSWERS)
    advice = response.context["advice"]
    html = response.content.decode()

    assert response.status_code == 200
    assert len(advice.recommendations) == 3
    assert advice.recommendations[0].shoe.category == "motion_control"
    assert "Malisoux L, Chambon N, Delattre N" in html  # the trial, written out in full
    assert 'id="shoe-caveats"' in html
    assert "Motion control" in html


def test_a_budget_keeps_every_shoe_within_it(client: Client) -> None:
    """140 dollars: only shoes at 140 dollars or less."""
    response = client.get(reverse("learn:shoe_results"), {**ANSWERS, "budget": "140"})

    assert all(p.shoe.list_price_usd <= 140 for p in response.context["advice"].recommendations)


def test_a_budget_below_every_shoe_says_so(client: Client) -> None:
    """No shoe fits: the page says it plainly."""
    html = client.get(reverse("learn:shoe_results"), {**ANSWERS, "budget": "30"}).content.decode()

    assert "No shoe in our list fits your budget." in html
    assert "None of the 10 shoes in our list costs 30 dollars or less." in html


def test_a_missing_answer_re_renders_the_questions_with_its_error(client: Client) -> None:
    """No foot-strike answer: 400, the questionnaire again, the error on that field."""
    response = client.get(
        reverse("learn:shoe_results"), {k: v for k, v in ANSWERS.items() if k != "foot_strike"}
    )

    assert response.status_code == 400
    assert "foot_strike" in response.context["form"].errors
    assert list(response.context["form"].errors) == ["foot_strike"]


def test_changing_the_answers_keeps_them_filled_in(client: Client) -> None:
    """The results link back with the answers, and the questions show them."""
    results = client.get(reverse("learn:shoe_results"), ANSWERS).content.decode()
    form = client.get(reverse("learn:shoes"), ANSWERS).context["form"]

    assert "overpronation=heavy" in results
    assert form["overpronation"].value() == "heavy"
