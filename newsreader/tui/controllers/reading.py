"""Reading: opening an article in the reader, then its analysis (quotes, entities) from a worker.

The article is drawn plain at once; analysing it can take a while (spaCy, a long story), so it
runs in a thread started after the first paint, and the highlights follow. ``Library.analysis``
keeps the analyses, so an article read before is drawn highlighted at once from its cache.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsreader.model import Analysis
from newsreader.tui.focus import focus_now
from newsreader.tui.messages import AnalysisReady

if TYPE_CHECKING:
    from newsreader.tui.app import NewsReaderApp


class ReadingController:
    """Opens articles and applies their analyses."""

    def __init__(self, app: NewsReaderApp) -> None:
        self.app = app
        self.library = app.library
        #: The recogniser the last analysis was made with (None: none made yet).
        self.active_recogniser: str | None = None

    def open(self, index: int, *, focus_reader: bool = False) -> None:
        """Show the article at ``index`` now, plain; its highlights follow from a worker."""
        app = self.app
        reader = app.reader
        if reader.index != index:
            app.feeds.pending_link = None  # a link number typed for another article
        article = self.library.articles[index]
        known = self.known_analysis(index)
        reader.show(index, article, known)
        searcher = app.searcher
        if searcher.state.text and not searcher.state.error:
            reader.set_matches_soon(lambda: searcher.matches_for(index), app.update_status)
        app.saved.mark_opened(index)
        if known is None:
            # After the first paint, which the worker would slow down by sharing the GIL.
            def analyse() -> None:
                if reader.index == index:
                    self._start_analysis(index)

            app.call_after_refresh(analyse)
        if focus_reader:
            focus_now(reader)

    def known_analysis(self, index: int) -> Analysis | None:
        """The analysis of ``index`` if the reader or the library's cache already has it."""
        reader = self.app.reader
        if reader.index == index and reader.analysis is not None:
            return reader.analysis
        return self.library.known_analysis(index)

    def _start_analysis(self, index: int) -> None:
        self.app.run_worker(
            lambda: self._analyse(index),
            name="analysis",
            group="analysis",
            thread=True,
            exclusive=True,
            exit_on_error=False,
        )

    def _analyse(self, index: int) -> None:
        try:
            analysis = self.library.analysis(index)
        except Exception as error:
            failure = f"{type(error).__name__}: {error}"
            self.app.post_message(AnalysisReady(index, None, failure))
            return
        self.app.post_message(AnalysisReady(index, analysis))

    def analysis_ready(self, message: AnalysisReady) -> None:
        if message.analysis is None:
            self.app.notify(f"Analysis failed: {message.error}", severity="error", markup=False)
            return
        self.active_recogniser = message.analysis.recogniser
        self.app.reader.set_analysis(message.index, message.analysis)
        self.app.update_status()
