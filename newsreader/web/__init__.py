"""Read the whole story: fetch an article's web page and extract its text and metadata.

- :mod:`.article`: :func:`~.article.fetch_article`, URL to article in one call (CLI, TUI ``f``).
- :mod:`.page`: :func:`~.page.fetch_page`, a web page over the feeds fetcher, HTML only.
- :mod:`.extract`: :func:`~.extract.extract_article`, a page's article as clean paragraphs
  with numbered links (trafilatura underneath), plus :mod:`.metadata`, :mod:`.boilerplate`,
  :mod:`.linkmarks` and :mod:`.charset` that it uses.
- :mod:`.teaser`: :func:`~.teaser.looks_like_teaser`, for the per-feed ``full_text = auto``.

Nothing is imported here: trafilatura takes a few hundred milliseconds to import, so callers
import :mod:`.extract` (or :mod:`.article`) where the work happens, in a worker.
"""
