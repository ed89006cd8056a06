"""The models: input types (inputs.py, lexicon.py), the scoring policy (policy.py) and the checked
project (project.py).

Every public name of them is re-exported here, so `from scorecard.model import Obligation` and
`model.Policy` read the same wherever a type lives, and a type added to one of them needs no
edit here; modules inside the package import from each other directly.
"""

from __future__ import annotations

from scorecard.model.inputs import *  # noqa: F403
from scorecard.model.lexicon import *  # noqa: F403
from scorecard.model.policy import *  # noqa: F403
from scorecard.model.project import *  # noqa: F403
