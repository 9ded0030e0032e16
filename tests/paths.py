"""Where the tests' inputs are, for suites at any depth under tests/."""

from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SEEDS = ROOT / "seeds"
FIXTURES = TESTS / "fixtures"
BAD_INPUTS = TESTS / "bad_inputs"
AEB = TESTS / "aeb"
WCXB = TESTS / "wcxb"  # a fixed sample of the multi-type benchmark's holdout split (see its README)
