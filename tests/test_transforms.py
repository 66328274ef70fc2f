"""Adstock and Hill against hand-computed values and their defining identities."""
import numpy as np
import pytest

from analysis.transforms import geometric_adstock, half_life, hill, hill_derivative


def test_adstock_hand_computed():
    # out = [1, 0.5, 0.25, 2 + 0.125]
    assert geometric_adstock(np.array([1.0, 0.0, 0.0, 2.0]), 0.5) == pytest.approx([1.0, 0.5, 0.25, 2.125])


def test_adstock_zero_decay_is_identity():
    x = np.array([3.0, 1.0, 4.0, 1.0, 5.0])
    assert geometric_adstock(x, 0.0) == pytest.approx(x)


def test_adstock_matches_recurrence_per_column():
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 10, size=(30, 3))
    decays = [0.0, 0.4, 0.9]
    out = geometric_adstock(x, decays)
    for j, d in enumerate(decays):
        carry, expected = 0.0, []
        for v in x[:, j]:
            carry = v + d * carry
            expected.append(carry)
        assert out[:, j] == pytest.approx(expected)


def test_adstock_is_linear():
    x = np.array([1.0, 2.0, 0.0, 4.0])
    assert geometric_adstock(3 * x, 0.6) == pytest.approx(3 * geometric_adstock(x, 0.6))


@pytest.mark.parametrize("decay", [-0.1, 1.0, 1.5], ids=["negative", "one", "above-one"])
def test_adstock_rejects_bad_decay(decay):
    with pytest.raises(ValueError, match="decay"):
        geometric_adstock(np.ones(3), decay)


def test_hill_hand_computed():
    # x^2 / (x^2 + 2^2): 0, 1/5, 1/2, 16/20
    assert hill(np.array([0.0, 1.0, 2.0, 4.0]), 2.0, 2.0) == pytest.approx([0.0, 0.2, 0.5, 0.8])


def test_hill_is_half_at_half_saturation_and_bounded():
    assert hill(np.array([7.0]), 7.0, 1.3)[0] == pytest.approx(0.5)
    values = hill(np.linspace(0, 1e6, 50), 10.0, 0.8)
    assert values.min() >= 0 and values.max() < 1


def test_hill_derivative_matches_finite_difference():
    x = np.array([0.5, 1.0, 2.0, 5.0])
    eps = 1e-6
    numeric = (hill(x + eps, 2.0, 1.7) - hill(x - eps, 2.0, 1.7)) / (2 * eps)
    assert hill_derivative(x, 2.0, 1.7) == pytest.approx(numeric, rel=1e-5)
    # hand-computed: d/dx x^2/(x^2+4) at x=1 is 8x/(x^2+4)^2 = 8/25
    assert hill_derivative(np.array([1.0]), 2.0, 2.0)[0] == pytest.approx(0.32)


def test_hill_rejects_non_positive_parameters():
    with pytest.raises(ValueError):
        hill(np.ones(2), 0.0, 1.0)


def test_half_life():
    assert half_life(0.5) == pytest.approx(1.0)
    assert half_life(0.0) == 0.0
    assert 0.8 ** half_life(0.8) == pytest.approx(0.5)


def test_adstock_long_series_uses_the_same_recurrence():
    from analysis import transforms

    rng = np.random.default_rng(1)
    x = rng.uniform(0, 5, transforms.MATRIX_MAX_WEEKS + 10)
    long = geometric_adstock(x, 0.7)
    short = geometric_adstock(x[:100], 0.7)
    assert long[:100] == pytest.approx(short)
    assert long[-1] == pytest.approx(x[-1] + 0.7 * long[-2])
