"""A source document replaced by a named pipe."""

import os


def mutate(root):
    path = root / "evidence" / "documents" / "council-statement-2021-07-02.txt"
    path.unlink()
    os.mkfifo(path)
