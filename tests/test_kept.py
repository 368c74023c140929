"""intan_banjar.kept: a value made once per key, and the bound."""

from intan_banjar.kept import Kept


def test_a_value_is_made_once_per_key_and_the_bound_starts_again():
    made = []
    kept = Kept(2)

    def make(value):
        return lambda: made.append(value) or value

    assert kept.get("a", make("A")) == "A"
    assert kept.get("a", make("other")) == "A"
    assert kept.get("b", make("B")) == "B"
    assert made == ["A", "B"]
    assert kept.get("c", make("C")) == "C"  # past the bound: everything is made again
    assert kept.get("a", make("A2")) == "A2"
    assert made == ["A", "B", "C", "A2"]
