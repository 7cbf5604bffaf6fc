"""Exercises in the app: choice and numeric, right / wrong / hint / skip / locked skip, and what
the progress file records. (Live, predict and goal exercises are the lab's tests.)"""

from __future__ import annotations

import pytest
from textual.widgets import Button

from app_pack import write_pack
from tutor.lessons import load_course
from tutor.lessons.model import Exercise
from tutor.progress import ProgressStore
from tutor.ui.app import TutorApp
from tutor.ui.screens.exercises import ExercisesScreen
from tutor.ui.widgets.choice_list import ChoiceList
from tutor.ui.widgets.exercise_card import ExerciseCard, NumberInput, max_attempts


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def make_app(tmp_path, *, no_skip_pack: bool = False, **options) -> TutorApp:
    course = load_course(write_pack(tmp_path / "pack", no_skip=no_skip_pack))
    return TutorApp(course, store=ProgressStore(), warm_up=False, lesson_id="repaso", **options)


async def open_exercises(app: TutorApp, pilot) -> tuple[ExerciseCard, ExerciseCard]:
    await pilot.pause()
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(app.screen, ExercisesScreen)
    choice, numeric = app.screen.query(ExerciseCard)
    return choice, numeric


def card_text(card: ExerciseCard) -> str:
    verdict = card.query_one(".exercise-verdict")
    return str(verdict.render()) if verdict.display else ""


async def choose(pilot, card: ExerciseCard, index: int) -> None:
    """Answer with the declared choice `index`: its number as shown to this student, then Enter."""
    options = card.query_one(ChoiceList)
    options.focus()
    await pilot.pause()
    await pilot.press(str(options.shown().index(card.exercise.choices[index]) + 1), "enter")
    await pilot.pause()


async def type_number(pilot, card: ExerciseCard, text: str) -> None:
    box = card.query_one(NumberInput)
    box.focus()
    box.value = ""
    await pilot.press(*text, "enter")
    await pilot.pause()


async def test_choice_right_answer_records_and_explains(tmp_path, data_dir):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        choice, _ = await open_exercises(app, pilot)
        await choose(pilot, choice, 0)  # "Resta lr·dw a w"
        assert choice.resolved and choice.correct
        assert "✓" in card_text(choice) and "Correcto" in card_text(choice)
        explanation = choice.query_one(".exercise-explanation")
        assert explanation.display and "regla de actualización" in explanation.source
    entry = app.progress.exercise("repaso", "regla")
    assert (entry.attempts, entry.result) == (1, "correct")
    assert ProgressStore().load()[0].exercise_result("repaso", "regla") == "correct"


async def test_choice_wrong_then_hint_then_out_of_attempts(tmp_path, data_dir):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        choice, _ = await open_exercises(app, pilot)
        await choose(pilot, choice, 1)  # wrong
        assert not choice.resolved and choice.correct is False
        assert "✗" in card_text(choice) and "Pulsa h" in card_text(choice)
        await pilot.press("h")
        await pilot.pause()
        hints = choice.query_one(".exercise-hints")
        assert hints.display and "asignar restando" in hints.source
        assert choice.hints_used == 1
        await pilot.press("h", "h")  # the second hint, then "no more"
        await pilot.pause()
        assert choice.hints_used == 2 and "contra del gradiente" in hints.source
        assert max_attempts(choice.exercise) == 2
        await choose(pilot, choice, 2)  # "Calcula el gradiente dw": wrong again
        assert choice.resolved and choice.correct is False
        assert "La respuesta correcta: Resta lr·dw a w" in card_text(choice)
        assert choice.query_one(ChoiceList).disabled
    entry = app.progress.exercise("repaso", "regla")
    assert (entry.attempts, entry.result, entry.hints_used) == (2, "wrong", 2)


async def test_numeric_accepts_comma_and_point(tmp_path, data_dir):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        _, numeric = await open_exercises(app, pilot)
        await type_number(pilot, numeric, "0,0465")
        assert numeric.resolved and numeric.correct
    assert app.progress.exercise_result("repaso", "loss-10") == "correct"

    again = make_app(tmp_path / "b")
    async with again.run_test(size=(100, 40)) as pilot:
        _, numeric = await open_exercises(again, pilot)
        await type_number(pilot, numeric, "0.0465")
        assert numeric.correct


async def test_numeric_bad_text_is_a_message_not_an_attempt(tmp_path, data_dir):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        _, numeric = await open_exercises(app, pilot)
        await type_number(pilot, numeric, "cero coma algo")
        assert numeric.attempts == 0 and not numeric.resolved
        assert "como número" in card_text(numeric)
        await type_number(pilot, numeric, "7")
        assert numeric.attempts == 1 and numeric.correct is False
        assert "demasiado alto" in card_text(numeric)
        await type_number(pilot, numeric, "0.01")
        await type_number(pilot, numeric, "0.02")
        assert numeric.resolved and "0.0465" in card_text(numeric)
    entry = app.progress.exercise("repaso", "loss-10")
    assert (entry.attempts, entry.result) == (3, "wrong")


async def test_hint_key_works_inside_the_number_box(tmp_path, data_dir):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        _, numeric = await open_exercises(app, pilot)
        numeric.query_one(NumberInput).focus()
        await pilot.press("1", "h")
        await pilot.pause()
        assert numeric.query_one(NumberInput).value == "1"
        assert numeric.hints_used == 1


async def test_skip_when_allowed(tmp_path, data_dir):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        choice, _ = await open_exercises(app, pilot)
        skip = choice.query_one(".exercise-skip", Button)
        await pilot.click(skip)
        await pilot.pause()
        assert choice.resolved and choice.skipped
        await pilot.press("n")  # unanswered ones do not block
        await pilot.pause()
        assert app.screen.step.lesson.id == "neurona"
    assert app.progress.exercise_result("repaso", "regla") == "skipped"


@pytest.mark.parametrize("how", ["option", "pack"])
async def test_locked_skip_blocks_n_until_all_answered(tmp_path, data_dir, how):
    app = make_app(tmp_path, no_skip=how == "option", no_skip_pack=how == "pack")
    async with app.run_test(size=(100, 40)) as pilot:
        choice, numeric = await open_exercises(app, pilot)
        assert not app.screen.query(".exercise-skip")
        assert "desactivó saltar" in str(app.screen.query_one(".notice").render())
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ExercisesScreen)
        assert any("pendientes (1, 2)" in n.message for n in app._notifications)
        await choose(pilot, choice, 0)
        await type_number(pilot, numeric, "0.0465")
        app.screen.focus()  # leave the number box
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.step.lesson.id == "neurona"


async def test_answered_exercise_shows_as_done_when_coming_back(tmp_path, data_dir):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        choice, _ = await open_exercises(app, pilot)
        await choose(pilot, choice, 0)
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        choice, numeric = app.screen.query(ExerciseCard)
        assert choice.resolved and "Ya la respondiste bien" in card_text(choice)
        assert not numeric.resolved


async def test_goal_card_reports_met_and_unmet():
    from textual.app import App

    exercise = Exercise(id="meta", kind="goal", prompt="Baja la loss", line=1,
                        goal=__import__("tutor.lessons.model", fromlist=["Goal"]).Goal(below=0.01, within_epochs=50))
    answers: list[ExerciseCard.Answered] = []

    class Host(App):
        def compose(self):
            yield ExerciseCard(exercise)

        def on_exercise_card_answered(self, message):
            answers.append(message)

    app = Host()
    async with app.run_test() as pilot:
        card = app.query_one(ExerciseCard)
        card.set_goal_result(False, "Meta no alcanzada: loss 0.2")
        await pilot.pause()
        assert not card.resolved and "loss 0.2" in card_text(card) and card.attempts == 0
        card.set_goal_result(True)
        await pilot.pause()
        assert card.resolved and "Meta alcanzada" in card_text(card)
    assert [(a.correct, a.skipped) for a in answers] == [(True, False)]  # trying is not a wrong answer
