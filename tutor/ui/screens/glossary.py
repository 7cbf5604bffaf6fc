"""The glossary: the terms, an incremental search, and a page per term with its related terms.

Opened with g from anywhere (on top of what was showing: Escape goes back), or as the step of
a glossary lesson. The search ignores case and accents ("activacion" finds "Activación") and
knows each term's aliases ("w" finds Pesos): tutor.lessons.glossary.search_terms.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Input, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from tutor.lessons.model import Course, GlossaryTerm
from tutor.ui.navigation import Step
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.step_header import StepHeader


def term_markdown(term: GlossaryTerm) -> str:
    parts = [f"## {term.number}. {term.name}", term.definition.strip()]
    if term.example.strip():
        parts += ["### Ejemplo", term.example.strip()]
    return "\n\n".join(parts)


class TermSearch(Input):
    """The search box; Down moves to the results."""

    BINDINGS = [Binding("down", "app.focus_next", show=False)]


class GlossaryScreen(TutorScreen):
    AUTO_FOCUS = None  # on_mount decides: the search box, or the list for the lesson step
    BINDINGS = [
        Binding("escape", "close", "volver"),
        Binding("slash", "search", "buscar", key_display="/", show=False, tooltip="ir a la búsqueda"),
    ]

    def __init__(self, terms: tuple[GlossaryTerm, ...], *, term_id: str | None = None,
                 step: Step | None = None, course: Course | None = None) -> None:
        super().__init__()
        self.course = course  # with a step: for its header
        self.terms = tuple(sorted(terms, key=lambda term: term.number))
        self.by_id = {term.id: term for term in self.terms}
        self.current: GlossaryTerm | None = self.by_id.get(term_id) if term_id else None
        self.step = step  # None: opened with g on top of another screen
        self._query = ""
        self._ready = False  # widgets mounted: until then show_term only remembers the term

    def compose(self) -> ComposeResult:
        if self.step is not None and self.course is not None:
            yield StepHeader(self.step, "Glosario", self.course)
        else:
            yield Static(Content("Glosario · Escape vuelve a donde estabas"), classes="step-header")
        with Horizontal(id="glossary"):
            with Vertical(id="glossary-index"):
                yield TermSearch(placeholder="Buscar término…", id="glossary-search")
                yield OptionList(id="glossary-terms")
            with VerticalScroll(id="glossary-page"):
                yield Markdown("", open_links=False, id="glossary-term")
                yield Static(Content("Términos relacionados (Enter abre):"), id="glossary-related-title")
                yield OptionList(id="glossary-related")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        if not self.query("#glossary-terms"):  # closed again before it finished mounting
            return
        self._ready = True
        browsing = self.step is not None and self.current is None  # the lesson step: n / p work
        self._fill(self.terms)
        self.show_term(self.current or (self.terms[0] if self.terms else None))
        if browsing:
            self.query_one("#glossary-terms", OptionList).focus()
        else:
            self.query_one("#glossary-search", Input).focus()

    # -- actions ---------------------------------------------------------------------------

    def action_close(self) -> None:
        if self.step is None:
            if self.is_active:  # a second Escape queued before the first one closed it
                self.dismiss()
        else:
            self.app.go_home()

    def action_search(self) -> None:
        if self._ready:
            self.query_one("#glossary-search", Input).focus()

    def show_term(self, term: GlossaryTerm | None) -> None:
        """Show a term's page (and highlight it in the list when it is there)."""
        self.current = term
        if not self._ready:
            return
        page = self.query_one("#glossary-term", Markdown)
        related = self.query_one("#glossary-related", OptionList)
        if term is None:
            page.update("*Ningún término coincide con la búsqueda.*")
            related.clear_options()
            related.display = self.query_one("#glossary-related-title").display = False
            return
        page.update(term_markdown(term))
        links = [self.by_id[i] for i in term.related if i in self.by_id]
        related.set_options(Option(Content(f"→ {other.name}"), id=other.id) for other in links)
        related.display = self.query_one("#glossary-related-title").display = bool(links)
        self.query_one("#glossary-page", VerticalScroll).scroll_home(animate=False)
        terms = self.query_one("#glossary-terms", OptionList)
        for index in range(terms.option_count):
            if terms.get_option_at_index(index).id == term.id and terms.highlighted != index:
                terms.highlighted = index
                break

    # -- events ----------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        query = event.value.strip()
        if query == self._query:
            return
        self._query = query
        if query:
            from tutor.lessons.glossary import search_terms

            found = tuple(search_terms(self.terms, query))
        else:
            found = self.terms
        self._fill(found)
        self.show_term(found[0] if found else None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        terms = self.query_one("#glossary-terms", OptionList)
        if terms.option_count:
            terms.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        stale = event.option_list.highlighted != event.option_index  # moved on since
        if event.option_list.id == "glossary-terms" and not stale and event.option.id in self.by_id:
            term = self.by_id[event.option.id]
            if term is not self.current:
                self.show_term(term)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "glossary-related":
            self._query = ""
            self.query_one("#glossary-search", Input).clear()
            self._fill(self.terms)
            self.show_term(self.by_id[event.option.id])
            self.query_one("#glossary-terms", OptionList).focus()
        else:
            related = self.query_one("#glossary-related", OptionList)
            if related.option_count:
                related.focus()
                related.highlighted = 0
            else:
                self.query_one("#glossary-page", VerticalScroll).focus()

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        from tutor.ui.term_links import term_for_href

        term = term_for_href(event.href, self.terms)
        if term is not None:
            event.stop()
            self.show_term(term)

    def _fill(self, terms: tuple[GlossaryTerm, ...]) -> None:
        options = self.query_one("#glossary-terms", OptionList)
        options.set_options(Option(Content(f"{term.number:>2}. {term.name}"), id=term.id) for term in terms)
        if terms:
            options.highlighted = 0
