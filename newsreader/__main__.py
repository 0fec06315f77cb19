"""Allow ``python -m newsreader``."""

from newsreader.cli import main

if __name__ == "__main__":  # not when a splitting child process re-imports this as __mp_main__
    raise SystemExit(main())
