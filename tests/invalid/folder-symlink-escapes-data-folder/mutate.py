"""The obligations folder is a symbolic link to a folder outside the rules folder."""

import os
import shutil


def mutate(root):
    folder = root / "rules" / "mini" / "obligations"
    shutil.move(folder, root / "elsewhere")
    os.symlink(os.path.join("..", "..", "elsewhere"), folder)
