"""Gradient checking: compare backpropagation with centered finite differences of the cost.

All parameters are flattened into one column theta (W1, b1, W2, b2, ... each row-major) so that one loop
can nudge each of them: dJ/dtheta_i ~ (J(theta + eps e_i) - J(theta - eps e_i)) / (2 eps), with error
O(eps^2). The agreement is measured by the relative difference ||g - g_approx|| / (||g|| + ||g_approx||):
below 1e-7 is right, above 1e-3 is a bug.
"""

import base64
import hashlib
import hmac

import numpy as np

from autograder.reference.network import (
    compute_cost,
    deep_cost,
    deep_forward,
    forward_propagation,
)


def dictionary_to_vector(d):
    """Stack W1, b1, W2, b2, ... (or dW1, db1, dW2, db2, ...) into one column, each flattened row-major.

    d: {"W1": (n_1, n_0), "b1": (n_1, 1), ...} or the matching gradients -> (P, 1), P = number of parameters.
    Keys other than W<l>/b<l> (or dW<l>/db<l>), such as "dA0", are ignored.
    """
    prefix = "d" if "dW1" in d else ""
    pieces = []
    l = 1
    while f"{prefix}W{l}" in d:
        pieces.append(np.reshape(d[f"{prefix}W{l}"], (-1, 1)))
        pieces.append(np.reshape(d[f"{prefix}b{l}"], (-1, 1)))
        l += 1
    return np.concatenate(pieces, axis=0)


def vector_to_dictionary(theta, layer_dims):
    """Inverse of dictionary_to_vector for parameters: cut the column back into W<l>, b<l>.

    theta: (P, 1) or (P,), layer_dims: [n_0, ..., n_L] -> {"W1": (n_1, n_0), "b1": (n_1, 1), ...};
    the arrays are copies, so changing them never changes theta.
    """
    theta = np.reshape(theta, -1)
    expected = sum(layer_dims[l] * (layer_dims[l - 1] + 1) for l in range(1, len(layer_dims)))
    if theta.size != expected:
        raise ValueError(
            f"theta has {theta.size} entries but layer_dims {list(layer_dims)} need {expected}; "
            "pass the layer sizes the vector was made from"
        )
    parameters = {}
    start = 0
    for l in range(1, len(layer_dims)):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        parameters[f"W{l}"] = theta[start:start + n * n_prev].reshape(n, n_prev).copy()
        start += n * n_prev
        parameters[f"b{l}"] = theta[start:start + n].reshape(n, 1).copy()
        start += n
    return parameters


def relative_difference(g, g_approx):
    """||g - g_approx|| / (||g|| + ||g_approx||): 0 when equal, 1 when opposite, scale-free.

    g, g_approx: arrays of the same shape -> float (0.0 when both are zero).
    """
    denominator = np.linalg.norm(g) + np.linalg.norm(g_approx)
    return float(np.linalg.norm(g - g_approx) / denominator) if denominator > 0 else 0.0


def gradient_check(X, Y, parameters, gradients, epsilon=1e-7, print_result=False):
    """Relative difference between backprop ``gradients`` and centered differences of the 2-layer cost.

    X: (n_x, m), Y: (1, m), parameters: {"W1", "b1", "W2", "b2"}, gradients: {"dW1", "db1", "dW2", "db2"}
    -> float ||g - g_approx|| / (||g|| + ||g_approx||). The layer sizes are read off the weight shapes;
    ``parameters`` is left unchanged (every nudge is made on a copy of theta).
    """
    L = len([name for name in parameters if name.startswith("W")])
    layer_dims = [parameters["W1"].shape[1]] + [parameters[f"W{l}"].shape[0] for l in range(1, L + 1)]
    theta = dictionary_to_vector(parameters)
    grad = dictionary_to_vector(gradients)
    grad_approx = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        theta_plus = theta.copy()
        theta_plus[i] += epsilon
        J_plus = compute_cost(forward_propagation(X, vector_to_dictionary(theta_plus, layer_dims))[0], Y)
        theta_minus = theta.copy()
        theta_minus[i] -= epsilon
        J_minus = compute_cost(forward_propagation(X, vector_to_dictionary(theta_minus, layer_dims))[0], Y)
        grad_approx[i] = (J_plus - J_minus) / (2 * epsilon)
    denominator = np.linalg.norm(grad) + np.linalg.norm(grad_approx)
    difference = float(np.linalg.norm(grad - grad_approx) / denominator) if denominator > 0 else 0.0
    if print_result:
        verdict = "passed" if difference < 1e-7 else "FAILED: look for a bug in backward_propagation"
        print(f"gradient check {verdict} (relative difference {difference:.3e})")
    return difference


def sampled_gradient_check(X, Y, parameters, gradients, n_samples=50, seed=0, epsilon=1e-6,
                           hidden="relu", output="sigmoid"):
    """gradient_check on ``n_samples`` randomly chosen parameters only, for networks too big to nudge all.

    X: (n_0, m), Y: (n_L, m), parameters/gradients of an L-layer network (2-layer ones included; hidden and
    output as in network.deep_forward) -> float relative difference over the sampled coordinates.
    Costs 2 * n_samples forward passes instead of 2 * P. ``parameters`` is left unchanged.
    """
    L = len([name for name in parameters if name.startswith("W")])
    layer_dims = [parameters["W1"].shape[1]] + [parameters[f"W{l}"].shape[0] for l in range(1, L + 1)]
    theta = dictionary_to_vector(parameters)
    grad = dictionary_to_vector(gradients)
    rng = np.random.default_rng(seed)
    chosen = rng.choice(theta.shape[0], size=min(n_samples, theta.shape[0]), replace=False)

    def cost_at(vector):
        AL, _ = deep_forward(X, vector_to_dictionary(vector, layer_dims), hidden=hidden, output=output)
        return deep_cost(AL, Y, output=output)

    grad_approx = np.empty(len(chosen))
    for k, i in enumerate(chosen):
        theta_plus, theta_minus = theta.copy(), theta.copy()
        theta_plus[i] += epsilon
        theta_minus[i] -= epsilon
        grad_approx[k] = (cost_at(theta_plus) - cost_at(theta_minus)) / (2 * epsilon)
    return relative_difference(grad[chosen, 0], grad_approx)


# --- notebook 5's warm-up and bug hunt --------------------------------------------------------------------------

def numerical_derivative(f, x, epsilon=1e-5):
    """The centred difference (f(x + epsilon) - f(x - epsilon)) / (2 epsilon) of a function of one float.

    f: float -> float, x: float -> float. Its error is of order epsilon**2 where f is smooth; at a kink it is
    the mean of the two one-sided slopes (0 for |x| at 0, 0.5 for max(0, x) at 0).
    """
    return float((f(x + epsilon) - f(x - epsilon)) / (2 * epsilon))


# The backward passes of notebook 5's regression network (a tanh hidden layer, a linear output, half the mean
# squared error; cache = {"Z1", "A1", "A2"}). backward_a is the right one: it stays here, for the tests; no notebook
# cell holds it. The colleague's backward_b comes in COLLEAGUE_VERSIONS versions, one line wrong in each, and every
# student is handed one of them through their bug-hunt code (``bug_code``, drawn from the course secret by way of
# their seed; ``colleague_index`` turns a code into a version, in the notebook as in the grader). In the "folded" versions the colleague puts the mean's 1/m into dZ2 early, which
# makes the usual "/ m" of one line a second division (that gradient is 1/m times the right one); in the
# "unfolded" ones dZ2 = A2 - Y and one line forgets its "/ m" (m times the right one). The line a reader compares
# with a textbook looks right in both. docs/design.md, "The bug hunt", gives the trade-offs of the codes.

def backward_a(X, Y, parameters, cache):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dW2 = dZ2 @ cache["A1"].T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = (parameters["W2"].T @ dZ2) * (1 - cache["A1"] ** 2)
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def backward_b(X, Y, parameters, cache):
    m = X.shape[1]
    dZ2 = (cache["A2"] - Y) / m          # the mean's 1/m, applied once here
    dW2 = dZ2 @ cache["A1"].T
    db2 = np.sum(dZ2, axis=1, keepdims=True)
    dA1 = parameters["W2"].T @ dZ2
    dZ1 = dA1 * (1 - cache["A1"] ** 2)
    db1 = np.sum(dZ1, axis=1, keepdims=True)
    dW1 = dZ1 @ X.T / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


_TEMPLATE = '''def backward_b(X, Y, parameters, cache):
    m = X.shape[1]
{dZ2}
    dW2 = dZ2 @ cache["A1"].T{dW2}
    db2 = np.sum(dZ2, axis=1, keepdims=True){db2}
    dA1 = parameters["W2"].T @ dZ2
    dZ1 = dA1 * (1 - cache["A1"] ** 2)
    db1 = np.sum(dZ1, axis=1, keepdims=True){db1}
    dW1 = dZ1 @ X.T{dW1}
    return {{"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}}
'''
_FOLDED_DZ2 = '    dZ2 = (cache["A2"] - Y) / m          # the mean\'s 1/m, applied once here'
_UNFOLDED_DZ2 = '    dZ2 = cache["A2"] - Y'
_GRADIENTS = ("dW1", "db1", "dW2", "db2")


def _version(folded, wrong):
    """The source of one version: ``wrong`` is the gradient whose line has (``folded``: the 1/m already in dZ2)
    or lacks (not folded) "/ m"."""
    lines = {g: (" / m" if (g == wrong) == folded else "") for g in _GRADIENTS}
    return _TEMPLATE.format(dZ2=_FOLDED_DZ2 if folded else _UNFOLDED_DZ2, **lines)


# (source, the wrong gradient, its factor as a power of m: wrong = right * m**power); version 0 is backward_b above
COLLEAGUE_VERSIONS = tuple((_version(folded, g), g, -1 if folded else 1)
                           for folded in (True, False) for g in _GRADIENTS)
COLLEAGUE_SALT = "backprop colleague"  # public: the notebook turns a code into a version with it
BUG_CODE_SALT = "backprop bug-hunt code"  # the message keyed by the student's seed that makes their code
BUG_CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"  # base32 (RFC 4648): capitals and the digits 2 to 7
SMALL_PROBLEM_M = 5  # the number of examples of the notebook's small_problem(), on which the report is made


def _code_digest(body):
    """sha256 of the public salt and a code's first nine characters: its check character and its version."""
    return hashlib.sha256(f"{COLLEAGUE_SALT}\0{body}".encode("ascii")).digest()


def bug_code(student_seed):
    """The bug-hunt code of the student whose seed is ``student_seed`` (``seeds.seed_for(id, secret)``), as
    "ABCDE-FGHJK": nine base32 characters of HMAC-SHA256(the seed's 8 bytes, BUG_CODE_SALT), then a check
    character. Only whoever holds the course secret can compute it; the version follows from it publicly."""
    mac = hmac.new(int(student_seed).to_bytes(8, "big"), BUG_CODE_SALT.encode("ascii"), hashlib.sha256).digest()
    body = base64.b32encode(mac).decode("ascii")[:9]
    code = body + BUG_CODE_ALPHABET[_code_digest(body)[0] % 32]
    return f"{code[:5]}-{code[5:]}"


def normalised_code(code):
    """``code`` in capitals without spaces or dashes; ValueError if it is not a bug-hunt code (a typo)."""
    text = "".join(ch for ch in str(code).upper() if ch.isalnum())
    if (len(text) != 10 or any(ch not in BUG_CODE_ALPHABET for ch in text)
            or BUG_CODE_ALPHABET[_code_digest(text[:9])[0] % 32] != text[9]):
        raise ValueError(f"{code!r} is not a bug-hunt code (ten letters and digits 2 to 7, like ABCDE-FGH2K)")
    return text


def colleague_index(code):
    """Which version of backward_b the bug-hunt code ``code`` hands out: sha256 of the public salt and the code's
    first nine characters, modulo the number of versions. None (no student known) -> version 0."""
    if code is None:
        return 0
    digest = _code_digest(normalised_code(code)[:9])
    return int.from_bytes(digest[8:16], "big") % len(COLLEAGUE_VERSIONS)


def colleague_backward(code):
    """The backward_b handed out by the bug-hunt code ``code``, as a function (executed from its source)."""
    namespace = {"np": np}
    exec(COLLEAGUE_VERSIONS[colleague_index(code)][0], namespace)
    return namespace["backward_b"]


def bug_for(code):
    """The true bug report of the backward_b of bug-hunt code ``code`` (None: version 0) on small_problem()
    (m = 5): {"gradient", "factor"}."""
    _, gradient, power = COLLEAGUE_VERSIONS[colleague_index(code)]
    return {"gradient": gradient, "factor": float(SMALL_PROBLEM_M) ** power}


PLANTED = (backward_a, backward_b)  # what a check may provide (``Check.provide``)


def bug_report():
    """What is wrong in version 0 of backward_b (the one graded when no student id is known): {"gradient": the name
    of its wrong gradient, "factor": backward_b's value of that gradient divided by the right one (the same in every
    entry)}. Its dW1 carries the 1/m twice, so on small_problem() (m = 5) the factor is 1/5. A student's own
    answer is ``bug_for(bug_code(their seed))``."""
    return {"gradient": "dW1", "factor": 0.2}


def backward_corrected(X, Y, parameters, cache):
    """The gradients of notebook 5's regression network: A1 = tanh(W1 X + b1), A2 = W2 A1 + b2,
    J = (1 / 2m) sum (A2 - Y)**2. X: (n_x, m), Y: (1, m), cache = {"Z1", "A1", "A2"} of the forward pass
    -> {"dW1": (n_h, n_x), "db1": (n_h, 1), "dW2": (1, n_h), "db2": (1, 1)}, with the 1/m once in each.
    """
    m = X.shape[1]
    dZ2 = cache["A2"] - Y                                   # (1, m): one column per example
    dW2 = dZ2 @ cache["A1"].T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = (parameters["W2"].T @ dZ2) * (1 - cache["A1"] ** 2)  # tanh' = 1 - A1**2
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
