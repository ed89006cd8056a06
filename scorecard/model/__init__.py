"""The models: input types (inputs.py), the scoring policy (policy.py) and the checked project (project.py).

Every name is re-exported here, so `from scorecard.model import Obligation` and `model.Policy` read as
before; modules inside the package import from each other directly.
"""

from __future__ import annotations

from scorecard.model.inputs import (  # noqa: F401 - re-exported
    LATEST,
    Agreement,
    AgreementText,
    Ambiguity,
    Condition,
    Credibility,
    Cue,
    Day,
    Deadline,
    Event,
    EvidenceItem,
    Fuzzy,
    Graded,
    Id,
    Indicator,
    Indicators,
    Kind,
    Line,
    Link,
    Obligation,
    Origin,
    Original,
    Override,
    Party,
    Published,
    Reliability,
    Severity,
    Sha256,
    Source,
    SourceKind,
    Stance,
    StatusName,
    Strict_,
    Text,
    TextStatus,
    Verifiability,
    VerifiabilityLevel,
)
from scorecard.model.policy import (  # noqa: F401 - re-exported
    BAND_NAMES,
    CREDIBILITY_ORDER,
    MAX_PRIOR,
    RELIABILITY_ORDER,
    ConfidenceRule,
    Grade,
    LikelihoodBand,
    Policy,
    Positive,
    PositiveShare,
    Prior,
    Share,
    Thresholds,
    Weight,
    located,
    problems,
    yaml_number,
)
from scorecard.model.project import (  # noqa: F401 - re-exported
    Span,
    TextFile,
    ValidProject,
)
