"""An evidence file replaced by a named pipe: opening it to read would wait for a writer forever."""

import os


def mutate(root):
    path = root / "evidence" / "items" / "valley-news.yaml"
    path.unlink()
    os.mkfifo(path)
