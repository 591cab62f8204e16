"""Run the CLI as ``python -m transclean``."""

from transclean.cli import main

if __name__ == "__main__":
    main()
