"""The scriptable sub-commands that deal with feeds and single articles (``feed``,
``refresh``, ``show``); ``newsreader.cli`` routes to them. Each returns an exit code and
prints one ``newsreader: …`` line on failure, never a traceback."""
