"""A source document that is a symbolic link to /dev/zero, which never ends."""

import os


def mutate(root):
    path = root / "evidence" / "documents" / "council-statement-2021-07-02.txt"
    path.unlink()
    os.symlink("/dev/zero", path)
