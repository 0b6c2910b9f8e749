"""``python -m roadmap``: the same as the ``roadmap`` command."""

from roadmap.cli import main

if __name__ == "__main__":
    main()
