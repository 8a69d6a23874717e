"""``python -m parley``."""

from parley.console import main

if __name__ == "__main__":
    main()
