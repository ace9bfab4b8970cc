"""The levels of an issuing body, from the Party centre down to the citing unit itself.

Its own module, free of imports, so that the command line can offer the levels as choices
without loading the identity rules.
"""

from __future__ import annotations

LEVELS = ("party_centre", "national_assembly", "state_president", "government", "prime_minister",
          "ministry", "province", "department", "party_local", "unit", "other")
CENTRAL = frozenset(LEVELS[:6])
REGIONAL = frozenset({"province", "department", "party_local"})
