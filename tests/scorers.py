"""Python scorers with values known in advance, for the evaluation tests (--eval-reward-model scorers:NAME)."""


def n_chars(prompts: list[list[dict]], replies: list[str]) -> list[float]:
    """A reply's length in characters."""
    return [float(len(r)) for r in replies]
