"""Entry point of the frozen app: the same executable is the window, the CLI and the kata worker."""

import multiprocessing
import sys

from desktop.app import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
