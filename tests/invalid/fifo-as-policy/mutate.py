"""--policy names a named pipe (the policy may be anywhere, but it must be a regular file)."""

import os


def mutate(root):
    os.mkfifo(root / "policy.yaml")
