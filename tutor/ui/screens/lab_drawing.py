"""How the lab screen draws a LabSession: `refresh_from(session)` brings every widget up to it.

The status line, the four panels, the gate and the code come first, in this frame; the charts,
the interpretation and the exercise cards (slower to draw: plotext, Markdown) in the next one,
so a step shows its numbers without waiting for them. Every widget is told its whole content
and repaints only what changed (over SSH every repaint is resent whole).
"""

from __future__ import annotations

from rich.text import Text

from tutor.engine import PHASES, hand_gradients
from tutor.lab.run import PHASE_COUNT
from tutor.lab.status import status_of
from tutor.ui.screens.lab_layout import LabWidgets, phase_view_builders, size_panels, skeleton_views
from tutor.ui.screens.lab_picker import ParamPicker
from tutor.ui.widgets.exercise_card import ExerciseCard
from tutor.ui.widgets.network_views import highlight, layered
from tutor.ui.widgets.phase_views import loss_view
from tutor.ui.widgets.update_views import code_line, update_skeleton, update_view_for

SLOW_PARTS_DELAY = 0.03  # seconds after the panels' frame: charts & co. come in the next one


class LabDrawing:
    def __init__(self, screen, parts: LabWidgets) -> None:  # noqa: ANN001 - a LabScreen
        self.screen = screen
        self.spec = screen.spec
        self._skeleton_key: tuple | None = None
        self.skeletons = skeleton_views(self.spec)
        self.skeletons[-1] = self._update_skeleton(screen.session)
        self.builders = phase_view_builders(self.spec)
        self.picker = ParamPicker(screen, parts.chain)
        self.slow_pending = False
        self.parts = parts
        self.status, self.lr_prompt, self.panels = parts.status, parts.lr_prompt, parts.panels
        self.gate, self.code, self.charts = parts.gate, parts.code, parts.charts
        self.interpretation, self.cards, self.body = parts.interpretation, parts.cards, parts.body
        self._mounted = False
        self._progress_timer = None
        self._gate_shown = None

    def mount(self) -> None:
        self.screen.set_class(layered(self.spec), "-layered")  # the network: a wider loop (lab_layout)
        self.resized()
        self._mounted = True

    def resized(self) -> None:
        size_panels(self.parts, self.spec, self.skeletons, self.screen.size.height or self.screen.app.size.height)

    # -- the one entry point ---------------------------------------------------------------

    def refresh_from(self, session) -> None:  # noqa: ANN001 - a LabSession
        if not self._mounted or not self.screen.is_attached:
            return
        self.status.show(status_of(session))
        self.screen.set_class(session.comparison is not None, "-compare")
        self._panels(session)
        self._gate(session)
        self.code.show_compiled(session.compiled)
        self.code.show_update(code_line(session))
        if not session.compiled:
            self.code.show_phase(session.run.phase)
        if not self.slow_pending:
            self.slow_pending = True
            self.screen.set_timer(SLOW_PARTS_DELAY, self._slow_parts)

    def _panels(self, session) -> None:  # noqa: ANN001
        run = session.run
        record = run.current
        picked, offset = self.picker.picked, self.picker.offset()
        key = (session.generation, record.epoch if record else None, picked)

        def marked(view, prefix=""):  # noqa: ANN001, ANN202 - the picked parameter's row
            return highlight(view, prefix + picked[2]) if picked is not None else view

        spec, views = self.spec, self.builders
        builders = (
            lambda: views.forward(spec, record),
            lambda: loss_view(spec, record),
            lambda: marked(views.gradients(spec, record, self._hand_for(session, record), offset), "d"),
            lambda: marked(update_view_for(spec, record, run.batch, offset)),
        )
        # With mini-batches the tape's gradients shown are the whole dataset's at the epoch's start;
        # each batch applied its own (4 Update).
        whole = record is not None and record.batches is not None
        self.panels[2].border_title = "3 Gradientes · todo el dataset" if whole else "3 Gradientes"
        for number, (panel, build, skeleton) in enumerate(zip(self.panels, builders, self.skeletons), start=1):
            if record is not None and number <= run.revealed:
                panel.reveal(key + (run.batch,) if number == PHASE_COUNT else key, build)
                continue
            if record is not None and run.revealed < PHASE_COUNT:
                message = f"espacio → {number} {PHASES[number - 1]}"
            else:
                message = "pulsa espacio o e"
            foot = Text(self.builders.params_line(self.spec, run.params_shown())) if number == 1 else None
            if number == PHASE_COUNT:  # its formula line says the lr the next epoch uses
                skeleton = self._update_skeleton(session)
            panel.conceal(message, skeleton, foot=foot)
        self.picker.show(session)

    def _hand_for(self, session, record):  # noqa: ANN001
        """The hand-derived gradients of `record`: the channel's for a step, computed once after a run."""
        if session.hand[0] is not record:
            session.hand = (record, hand_gradients(self.spec, record))
        return session.hand[1]

    def _update_skeleton(self, session):  # noqa: ANN001
        """4 Update's placeholder: the formula of the lr, optimizer and batch size of the next epoch."""
        settings = session.tuning.settings
        key = (session.lr, settings)
        if self._skeleton_key != key:
            self._skeleton_key = key
            self._skeleton = update_skeleton(self.spec, session.lr, settings.optimizer, settings.batch_size)
        return self._skeleton

    def _gate(self, session) -> None:  # noqa: ANN001
        exercise = session.gate
        if exercise is self._gate_shown:
            return
        self._gate_shown = exercise
        self.screen.set_class(exercise is not None, "-gate")
        if exercise is None:
            return
        card = self._card(exercise.id)
        order = card.order if card is not None else list(range(len(exercise.choices)))

        async def ask() -> None:
            await self.gate.ask(exercise, order)
            if self.gate.choices is not None and self._gate_shown is exercise:
                self.gate.choices.focus()

        self.screen.call_later(ask)

    def _slow_parts(self) -> None:
        """Charts, interpretation, live cards, goals and progress, from the session as it is now."""
        self.slow_pending = False
        screen = self.screen
        if not screen.is_attached:
            return
        session = screen.session
        run = session.run
        loss_chart, data_chart = self.charts
        loss_chart.show(run.losses_shown())
        self.parts.compare.show(session.comparison)
        data_chart.show(run.params_shown())
        if not session.compiled:  # in flux while running: filled once the run stops
            values = run.trained_values()
            record = run.current
            epoch = (record.epoch if run.revealed >= PHASE_COUNT else record.epoch - 1) if values else None
            self.interpretation.show(values, epoch, preview={**run.start, "loss": (0.0,)})
        for card in self.cards:
            if card.exercise.live is not None and card.exercise.kind in ("numeric", "predict"):
                card.set_live(session.live_value(card.exercise))
        for event in session.take_goal_events():
            card = self._card(event.exercise.id)
            if event.met and card is not None:  # from the card's own queue: its Answered reaches the app
                card.call_later(card.set_goal_result, True, event.text)
            # A miss is said on the status line only: a verdict would grow the card, and a layout
            # repaints the whole screen (tens of KB over SSH at the end of every run).
            session.message = event.text
            self.status.show(status_of(session))
        self._save_progress()

    def _save_progress(self) -> None:
        screen = self.screen
        progress = screen.session.progress
        note = progress.due()
        if note is not None:
            screen.app.post_message(screen.Progressed(screen.lesson.id, note.epochs_run, note.best_loss))
            return
        wait = progress.wait()
        if wait is not None and self._progress_timer is None:
            def later() -> None:
                self._progress_timer = None
                self._save_progress()

            self._progress_timer = screen.set_timer(wait, later)

    # -- the gate, the cards and the lr prompt ---------------------------------------------

    def _card(self, exercise_id: str) -> ExerciseCard | None:
        return next((card for card in self.cards if card.exercise.id == exercise_id), None)

    def answer_gate(self, choice: str) -> None:
        session = self.screen.session
        exercise = session.gate
        card = self._card(exercise.id) if exercise is not None else None
        if card is None:
            return
        card.set_live(session.live_value(exercise))
        # Answered on the card's own queue: a message posted from the screen's would stop at
        # the screen (Textual stops a message at its sender) and the app would not record it.
        card.call_later(card.answer, choice)

    def after_gate(self) -> None:
        self.screen.set_focus(self.body)

    def below_the_loop(self) -> bool:
        """The student is in the exercises (focus in a card, or scrolled down to them)."""
        return self.focus_in_cards() or self.body.scroll_y > 0

    def focus_in_cards(self) -> bool:
        focused = self.screen.focused
        return focused is not None and any(card in focused.ancestors_with_self for card in self.cards)

    def focus_next_card(self) -> None:
        if self.focus_in_cards():
            self.screen.focus_next()
            return
        card = next((card for card in self.cards if not card.resolved), self.cards[0] if self.cards else None)
        if card is None:
            return
        card.focus_answer()
        card.scroll_visible(animate=False)

    def leave_cards(self) -> None:
        self.screen.set_focus(self.body)
        self.body.scroll_home(animate=False)

    def open_lr_prompt(self) -> None:
        self.status.display = False
        self.lr_prompt.open(self.screen.session.lr)

    def close_lr_prompt(self) -> None:
        self.lr_prompt.close()
        self.status.display = True
        self.screen.set_focus(self.body)
        self.refresh_from(self.screen.session)
