"""Notebook 5: gradient checking, its pitfalls, finding a planted bug, and autodiff frameworks."""

import base64
import zlib

from authoring.cells import demo, markdown, provided, setup, setup_imports, solution, tests
from autograder.checks.seeds import DEV_SECRET
from autograder.hidden import BUG_CODE_ENV, STUDENT_ENV
from autograder.reference import gradient_checking as _gcr

# The colleague's backward pass: every version of the reference's (COLLEAGUE_VERSIONS), compressed so that the cell
# shows none of them; the student's version, drawn from their bug-hunt code the way the grader draws it, is printed
# by the next cell. No correct backward pass is in the notebook: the student's own checker has to find the bug, and
# backward_corrected is the student's own. The development code repeats seeds.seed_for and gcr.bug_code with the
# public development secret (tests/test_bug_hunt.py checks that they agree).
_VERSIONS = ",\n".join(f"    {base64.b64encode(zlib.compress(src.encode('utf-8'), 9)).decode('ascii')!r}"
                       for src, _, _ in _gcr.COLLEAGUE_VERSIONS)
COLLEAGUE_CELL = f'''import base64
import getpass
import hashlib
import hmac
import os
import zlib

# Every version of the colleague's code, compressed: you are handed one of them, drawn from your bug-hunt code.
_COLLEAGUE_VERSIONS = (
{_VERSIONS},
)
_ALPHABET = "{_gcr.BUG_CODE_ALPHABET}"


def student_id():
    """Your student id: {STUDENT_ENV} if set, else JUPYTERHUB_USER (your user name on a JupyterHub), else the
    name you are logged in under."""
    for name in ("{STUDENT_ENV}", "JUPYTERHUB_USER"):
        if os.environ.get(name, "").strip():
            return os.environ[name].strip()
    try:
        return getpass.getuser()
    except Exception:
        return "student"


def _digest(body):
    return hashlib.sha256(("{_gcr.COLLEAGUE_SALT}" + chr(0) + body).encode("ascii")).digest()


def development_code(student):
    """The bug-hunt code of the student id ``student`` in a course without a secret (made from the course's
    public development secret, as the grader makes it)."""
    seed = int.from_bytes(hashlib.sha256(("{DEV_SECRET}" + chr(0) + str(student)).encode("utf-8")).digest()[:8],
                          "big") >> 1
    mac = hmac.new(seed.to_bytes(8, "big"), b"{_gcr.BUG_CODE_SALT}", hashlib.sha256).digest()
    body = base64.b32encode(mac).decode("ascii")[:9]
    code = body + _ALPHABET[_digest(body)[0] % 32]
    return code[:5] + "-" + code[5:]


def colleague_backward(code):
    """The colleague's backward pass handed out by the bug-hunt code ``code``: (the function, its source)."""
    text = "".join(ch for ch in str(code).upper() if ch.isalnum())
    if len(text) != 10 or any(ch not in _ALPHABET for ch in text) or _ALPHABET[_digest(text[:9])[0] % 32] != text[9]:
        raise ValueError(f"{{code!r}} is not a bug-hunt code (ten letters and digits 2 to 7, like ABCDE-FGH2K): "
                         "check it for a typo")
    index = int.from_bytes(_digest(text[:9])[8:16], "big") % len(_COLLEAGUE_VERSIONS)
    source = zlib.decompress(base64.b64decode(_COLLEAGUE_VERSIONS[index])).decode("utf-8")
    namespace = {{"np": np}}
    exec(source, namespace)
    return namespace["backward_b"], source


STUDENT_ID = student_id()
BUG_CODE = os.environ.get("{BUG_CODE_ENV}", "").strip() or development_code(STUDENT_ID)
backward_b, BACKWARD_B_SOURCE = colleague_backward(BUG_CODE)'''

CELLS = [
    markdown(r"""
    # 5. Gradient checking

    A backward pass with a bug often still *runs*: the shapes fit, the cost even goes down a little, and nothing
    tells you that a gradient is wrong. Gradient checking is the standard way to be sure. It compares the
    gradients from backpropagation with a slow but simple numerical estimate made from the cost alone.

    In this notebook you will start with the derivative of a function of one number, write a gradient checker,
    learn how to read its result (and when not to trust it), use it to find a bug planted in a backward pass
    (your report and your correction are graded), and compare hand-written gradients with an automatic
    differentiation library.

    **Points and time:** this notebook is worth **{NOTEBOOK_POINTS}** points of the course's **{COURSE_POINTS}**, and takes
    about **{NOTEBOOK_TIME}** (the whole course: about {COURSE_TIME}).

    {GRADING_RULES}
    """, grade_id="intro"),
    setup_imports(),
    markdown(r"""
    ## 5.1 The model to check

    Your checker will work with any model that provides two functions with these names:

    * `forward_propagation(X, parameters)` returning `(output, cache)`,
    * `compute_cost(output, Y)` returning a float.

    In this notebook they belong to a small **regression** network, different from notebook 3's classifier:
    a tanh hidden layer, a linear output and half the mean squared error,
    $J = \frac{1}{2m}\sum_i (\hat y^{(i)} - y^{(i)})^2$. Its parameters have the usual names `W1, b1, W2, b2`.
    """),
    setup("setup_model", r'''
    def forward_propagation(X, parameters):
        """Regression network: A1 = tanh(W1 X + b1), A2 = W2 A1 + b2. X: (n_x, m) -> (A2: (1, m), cache)."""
        Z1 = parameters["W1"] @ X + parameters["b1"]
        A1 = np.tanh(Z1)
        A2 = parameters["W2"] @ A1 + parameters["b2"]
        return A2, {"Z1": Z1, "A1": A1, "A2": A2}


    def compute_cost(A2, Y):
        """Half the mean squared error (1 / 2m) * sum((A2 - Y)**2), as a float."""
        return float(np.sum((A2 - Y) ** 2) / (2 * Y.shape[1]))


    def small_problem(n_x=2, n_h=4, m=5, seed=0):
        """A few examples and random parameters of the regression network. Returns X, Y, parameters."""
        rng = np.random.default_rng(seed)
        X = rng.standard_normal((n_x, m))
        Y = rng.standard_normal((1, m))
        parameters = {"W1": rng.standard_normal((n_h, n_x)), "b1": 0.1 * rng.standard_normal((n_h, 1)),
                      "W2": rng.standard_normal((1, n_h)), "b2": 0.1 * rng.standard_normal((1, 1))}
        return X, Y, parameters
    '''),
    markdown(r"""
    A colleague wrote a backward pass for this network, `backward_b`. It runs, and every gradient has the right
    shape. Whether it is right, your gradient checker will tell; where it is wrong, you will find out yourself in
    section 5.5.

    The colleague wrote it in several versions, and each student is handed one of them through their own
    **bug-hunt code**, ten letters and digits such as `ABCDE-FGH2K`: your classmates hunt other bugs than yours.
    The locked cell below holds every version in compressed form and gives you the one of your code as
    `backward_b`; the cell after it prints your code and that version. It takes the code from the environment
    variable `AUTOGRADER_BUG_CODE` (your course's JupyterHub may set it for you). If that is not set, it makes
    your code from your student id and the course's public development secret, which is the code the grader
    uses in a course that runs without a secret; the next cell then says so and prints the id it used.

    If your instructor handed you a code, add a cell between the locked cell and the one that prints, with
    `BUG_CODE = "your code"` and `backward_b, BACKWARD_B_SOURCE = colleague_backward(BUG_CODE)`, and run both.
    The grader hunts with the code of the id you are graded under, made from the course secret (or from the
    development secret in a course without one): if you hunted another code's bug, the feedback on your report
    names the code it expected.
    """),
    provided("provided_backward", COLLEAGUE_CELL),
    demo(r"""
    print(f"Your bug-hunt code: {BUG_CODE}")
    if BUG_CODE == development_code(STUDENT_ID):
        print(f"(the development code of student id {STUDENT_ID!r}: made from the public development secret, as the"
              " course does when it has no secret; a course with a secret hands each student a code)")
    print("\nThe colleague's backward pass handed out by that code:\n")
    print(BACKWARD_B_SOURCE)
    """),
    markdown(r"""
    ## 5.2 A derivative from two values of the function

    Everything in this notebook rests on one idea: the derivative of a function $f$ of one number at $x$ can be
    estimated from two values of $f$ close to $x$. The **centred difference**

    $$f'(x) \approx \frac{f(x + \varepsilon) - f(x - \varepsilon)}{2\varepsilon}$$

    takes one step $\varepsilon$ to each side: the two points are $2\varepsilon$ apart, hence the $2\varepsilon$
    below. For a smooth $f$ its error shrinks like $\varepsilon^2$ (for $f(x) = x^3$ it is exactly
    $\varepsilon^2$); at a kink, such as $|x|$ at $0$, it gives the mean of the slopes on the two sides.

    Write `numerical_derivative(f, x, epsilon=1e-5)`: `f` is a Python function of one float that returns a
    float (for example `lambda t: t**3`), `x` a float; return the centred difference as a float.

    {RULES:numerical_derivative}
    """),
    solution("numerical_derivative", r'''
    def numerical_derivative(f, x, epsilon=1e-5):
        """The centred difference (f(x + epsilon) - f(x - epsilon)) / (2 epsilon): f'(x) up to O(epsilon**2).

        f: a function of one float returning a float, x: float, epsilon: the step to each side. Returns a float.
        """
        ### BEGIN SOLUTION
        return float((f(x + epsilon) - f(x - epsilon)) / (2 * epsilon))
        ### END SOLUTION
    '''),
    tests("numerical_derivative", r"""
    # Visible test: for t**3 the centred difference is exactly 3 x**2 + epsilon**2; at the kink of |t| and of
    # max(0, t) it averages the two slopes; called without epsilon it uses 1e-5.
    value = numerical_derivative(lambda t: t**3, 2.0, 0.1)
    assert value is not None, "numerical_derivative returned None: did you forget a return statement?"
    assert np.ndim(value) == 0, f"numerical_derivative should return one number, got shape {np.shape(value)}"
    expect_close("numerical_derivative(lambda t: t**3, 2.0, 0.1)", value, 12.01, atol=1e-9)
    expect_close("numerical_derivative(lambda t: t**3, 2.0, 0.5)", numerical_derivative(lambda t: t**3, 2.0, 0.5),
                 12.25, atol=1e-9)
    expect_close("numerical_derivative(abs, 0.0, 0.1)", numerical_derivative(abs, 0.0, 0.1), 0.0, atol=1e-12)
    expect_close("numerical_derivative(lambda t: max(0.0, t), 0.0, 0.1)",
                 numerical_derivative(lambda t: max(0.0, t), 0.0, 0.1), 0.5, atol=1e-12)
    # sin(1000 t) / 1000 has a large third derivative: the result shows which epsilon was used
    expect_close("numerical_derivative(lambda t: np.sin(1000 * t) / 1000, 0.001) (default epsilon=1e-5)",
                 numerical_derivative(lambda t: np.sin(1000 * t) / 1000, 0.001), np.cos(1.0) * np.sin(0.01) / 0.01,
                 atol=1e-9)
    print("Visible tests passed.")
    """),
    markdown(r"""
    ## 5.3 All parameters in one vector

    The checker nudges the parameters one at a time. That is easiest with all of them in a single column vector
    $\theta$: `W1` flattened row by row, then `b1`, then `W2`, then `b2` (and so on for deeper networks). The
    gradients are flattened the same way (`dW1, db1, dW2, db2`) so that entry $i$ of both vectors refers to the
    same parameter.

    Write `dictionary_to_vector(d)`: it takes either a parameter dict (`W1, b1, ...`) or a gradient dict
    (`dW1, db1, ...`) and returns a `(P, 1)` column, always in the order layer 1's weights, layer 1's bias,
    layer 2's weights, ..., whatever the order of the keys in the dict. `np.reshape(array, (-1, 1))` flattens
    row-major; `np.concatenate(pieces, axis=0)` stacks columns.

    {RULES:dictionary_to_vector}
    """),
    solution("dictionary_to_vector", r'''
    def dictionary_to_vector(d):
        """Stack W1, b1, W2, b2, ... (or dW1, db1, dW2, db2, ...) into one (P, 1) column, each flattened row-major."""
        ### BEGIN SOLUTION
        prefix = "d" if "dW1" in d else ""
        pieces = []
        l = 1
        while f"{prefix}W{l}" in d:
            pieces.append(np.reshape(d[f"{prefix}W{l}"], (-1, 1)))
            pieces.append(np.reshape(d[f"{prefix}b{l}"], (-1, 1)))
            l += 1
        return np.concatenate(pieces, axis=0)
        ### END SOLUTION
    '''),
    tests("dictionary_to_vector", r"""
    # Visible test: numbered entries make the expected order easy to read; the dict's key order must not matter,
    # nor the number of layers.
    params = {"b2": np.array([[13.0]]), "W2": np.array([[10.0, 11.0, 12.0]]),
              "b1": np.array([[7.0], [8.0], [9.0]]), "W1": np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])}
    theta = dictionary_to_vector(params)
    expect_close("dictionary_to_vector(parameters)", theta, np.arange(1.0, 14.0).reshape(13, 1))
    grads = {"dW1": params["W1"], "db1": params["b1"], "dW2": params["W2"], "db2": params["b2"]}
    expect_close("dictionary_to_vector(gradients)", dictionary_to_vector(grads), np.arange(1.0, 14.0).reshape(13, 1))
    deep = {"W3": np.array([[8.0, 9.0]]), "b1": np.array([[3.0]]), "W2": np.array([[4.0], [5.0]]),
            "b3": np.array([[10.0]]), "W1": np.array([[1.0, 2.0]]), "b2": np.array([[6.0], [7.0]])}
    expect_close("dictionary_to_vector of a 3-layer dict (W3, b3 come last)", dictionary_to_vector(deep),
                 np.arange(1.0, 11.0).reshape(10, 1))
    print("Visible tests passed.")
    """),
    markdown(r"""
    And the way back: `vector_to_dictionary(theta, layer_dims)` cuts a column into `W1, b1, W2, b2, ...` with the
    shapes given by `layer_dims = [n0, n1, ..., nL]` (so `W1` is `(n1, n0)` and takes the first `n1 * n0` entries,
    then `b1` is `(n1, 1)`, ...). It is the exact inverse of `dictionary_to_vector` for parameters.

    {RULES:vector_to_dictionary}
    """),
    solution("vector_to_dictionary", r'''
    def vector_to_dictionary(theta, layer_dims):
        """Cut the column theta (P, 1) back into {"W1": (n1, n0), "b1": (n1, 1), ...} for layer_dims [n0, ..., nL]."""
        ### BEGIN SOLUTION
        theta = np.reshape(theta, -1)
        parameters = {}
        start = 0
        for l in range(1, len(layer_dims)):
            n, n_prev = layer_dims[l], layer_dims[l - 1]
            parameters[f"W{l}"] = theta[start:start + n * n_prev].reshape(n, n_prev)
            start += n * n_prev
            parameters[f"b{l}"] = theta[start:start + n].reshape(n, 1)
            start += n
        return parameters
        ### END SOLUTION
    '''),
    tests("vector_to_dictionary", r"""
    # Visible test: the numbered column of the previous test, and round trips for a 3-2-2 and a 3-4-2-1 network.
    d = vector_to_dictionary(np.arange(1.0, 14.0).reshape(13, 1), [2, 3, 1])
    assert isinstance(d, dict) and set(d) == {"W1", "b1", "W2", "b2"}, (
        f"for layer_dims [2, 3, 1] the keys should be W1, b1, W2, b2; got {sorted(d) if isinstance(d, dict) else type(d)}")
    expect_close("W1", d["W1"], [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    expect_close("b1", d["b1"], [[7.0], [8.0], [9.0]])
    expect_close("W2", d["W2"], [[10.0, 11.0, 12.0]])
    expect_close("b2", d["b2"], [[13.0]])
    theta = np.linspace(-1, 1, 3 * 2 + 2 + 2 * 2 + 2).reshape(-1, 1)
    expect_close("dictionary_to_vector(vector_to_dictionary(theta, [3, 2, 2]))",
                 dictionary_to_vector(vector_to_dictionary(theta, [3, 2, 2])), theta)
    deep = vector_to_dictionary(np.arange(1.0, 30.0).reshape(29, 1), [3, 4, 2, 1])
    assert isinstance(deep, dict) and set(deep) == {"W1", "b1", "W2", "b2", "W3", "b3"}, (
        f"for layer_dims [3, 4, 2, 1] (three layers) the keys should be W1, b1, W2, b2, W3, b3; "
        f"got {sorted(deep) if isinstance(deep, dict) else type(deep)}")
    expect_close("W3 for layer_dims [3, 4, 2, 1]", deep["W3"], [[27.0, 28.0]])
    expect_close("b3 for layer_dims [3, 4, 2, 1]", deep["b3"], [[29.0]])
    print("Visible tests passed.")
    """),
    markdown(r"""
    ## 5.4 The gradient checker

    The derivative of the cost with respect to parameter $\theta_i$ is the limit of a difference quotient. The
    **centred** difference

    $$g^{\text{approx}}_i = \frac{J(\theta + \varepsilon e_i) - J(\theta - \varepsilon e_i)}{2\varepsilon}$$

    (where $e_i$ nudges only entry $i$) has an error of order $\varepsilon^2$, far better than the one-sided
    $\big(J(\theta + \varepsilon e_i) - J(\theta)\big)/\varepsilon$ whose error is of order $\varepsilon$ (you will
    see why below). Doing this for every $i$ gives a vector $g^{\text{approx}}$ to compare with the backprop
    gradient $g$.

    **How to compare.** An absolute difference $\|g - g^{\text{approx}}\|$ means nothing by itself: it depends on
    how large the gradients are. The **relative difference**

    $$\text{difference} = \frac{\|g - g^{\text{approx}}\|_2}{\|g\|_2 + \|g^{\text{approx}}\|_2}$$

    is scale-free, $0$ when they agree and $1$ when they point in opposite directions. With $\varepsilon = 10^{-7}$
    in float64, as a rule of thumb:

    | difference | verdict |
    |---|---|
    | below $10^{-7}$ | correct |
    | $10^{-7}$ to $10^{-5}$ | probably fine; look again if the model has kinks (ReLU, max) |
    | $10^{-5}$ to $10^{-3}$ | suspicious: most likely a bug; acceptable only if a nudge crossed a kink (section 5.6) |
    | above $10^{-3}$ | almost certainly a bug |

    Write `gradient_check(X, Y, parameters, gradients, epsilon=1e-7)`:

    1. flatten `parameters` and `gradients` with `dictionary_to_vector`;
    2. for every entry $i$: copy $\theta$, add $\varepsilon$ to entry $i$, turn it back into a dict with
       `vector_to_dictionary`, run `forward_propagation` and `compute_cost`; do the same with $-\varepsilon$; store
       the centred difference;
    3. return the relative difference as a float.

    `vector_to_dictionary` needs the layer sizes: read them off the weight shapes (`W1` is `(n1, n0)`, ...).
    Never modify `parameters` itself (always work on copies of $\theta$).

    {RULES:gradient_check}
    """),
    solution("gradient_check", r'''
    def gradient_check(X, Y, parameters, gradients, epsilon=1e-7):
        """Relative difference ||g - g_approx|| / (||g|| + ||g_approx||) between the backprop gradients and centred
        finite differences of compute_cost(forward_propagation(X, parameters)[0], Y). Leaves parameters unchanged.

        X: (n_x, m), Y: (1, m), parameters: {"W1", "b1", ...}, gradients: {"dW1", "db1", ...}. Returns a float.
        """
        ### BEGIN SOLUTION
        L = len([name for name in parameters if name.startswith("W")])
        layer_dims = [parameters["W1"].shape[1]] + [parameters[f"W{l}"].shape[0] for l in range(1, L + 1)]
        theta = dictionary_to_vector(parameters)
        grad = dictionary_to_vector(gradients)
        grad_approx = np.zeros(theta.shape)
        for i in range(theta.shape[0]):
            theta_plus = np.copy(theta)
            theta_plus[i] += epsilon
            J_plus = compute_cost(forward_propagation(X, vector_to_dictionary(theta_plus, layer_dims))[0], Y)
            theta_minus = np.copy(theta)
            theta_minus[i] -= epsilon
            J_minus = compute_cost(forward_propagation(X, vector_to_dictionary(theta_minus, layer_dims))[0], Y)
            grad_approx[i] = (J_plus - J_minus) / (2 * epsilon)
        numerator = np.linalg.norm(grad - grad_approx)
        denominator = np.linalg.norm(grad) + np.linalg.norm(grad_approx)
        if denominator == 0:
            return 0.0
        return float(numerator / denominator)
        ### END SOLUTION
    '''),
    tests("gradient_check", r"""
    # Visible test: a correct backward passes; gradients that are all twice too large give exactly 1/3; and at a large
    # epsilon the centred difference has a known, small truncation error.
    X, Y, parameters = small_problem()
    before = {name: value.copy() for name, value in parameters.items()}


    def _finite_difference_gradients(X, Y, parameters, h=1e-5):
        # the test's own estimate of the right gradients: centred differences of the cost, entry by entry
        out = {}
        for name, value in parameters.items():
            grad = np.zeros_like(value)
            for idx in np.ndindex(value.shape):
                nudged = {k: v.copy() for k, v in parameters.items()}
                nudged[name][idx] += h
                plus = compute_cost(forward_propagation(X, nudged)[0], Y)
                nudged[name][idx] -= 2 * h
                grad[idx] = (plus - compute_cost(forward_propagation(X, nudged)[0], Y)) / (2 * h)
            out["d" + name] = grad
        return out


    good = _finite_difference_gradients(X, Y, parameters)
    with np.errstate(all="ignore"):
        difference = gradient_check(X, Y, parameters, good)
        assert np.ndim(difference) == 0, f"gradient_check should return one number, got shape {np.shape(difference)}"
        assert difference < 1e-7, f"for a correct backward pass the difference should be below 1e-7, got {difference:.3e}"
        doubled = gradient_check(X, Y, parameters, {name: 2 * g for name, g in good.items()})
        at_large_epsilon = gradient_check(X, Y, parameters, good, epsilon=1e-2)
    assert abs(doubled - 1 / 3) < 1e-6, (
        f"with every gradient doubled, ||2g - g|| / (||2g|| + ||g||) should be 1/3; got {doubled:.6f}")
    assert abs(at_large_epsilon - 8.087e-06) < 1e-8, (
        f"with epsilon=1e-2 the centred differences differ from the right gradients by about 8.087e-06 "
        f"(an error of order epsilon**2); got {at_large_epsilon:.3e}. Use the epsilon argument, and centred differences")
    for name in before:
        assert np.array_equal(parameters[name], before[name]), f"gradient_check changed parameters['{name}']"
    print(f"Visible tests passed (difference for a correct backward: {difference:.1e}).")
    """),
    markdown(r"""
    ## 5.5 Find the bug

    Run your checker on the colleague's backward pass:
    """),
    demo(r"""
    X, Y, parameters = small_problem()
    _, cache = forward_propagation(X, parameters)
    grads_b = backward_b(X, Y, parameters, cache)
    print(f"backward_b: relative difference {gradient_check(X, Y, parameters, grads_b):.2e}")
    """),
    markdown(r"""
    Far above $10^{-7}$: there is a bug. The relative difference is one number for all 17 parameters together, so
    it does not say *where*. Your tools can: `numerical_derivative` gives the derivative of the cost with respect
    to one parameter at a time, and comparing those numbers with `backward_b`'s, gradient by gradient, shows which
    of `dW1`, `db1`, `dW2`, `db2` is off, and by how much.

    The cell below gives two helpers: `cost_of_entry(parameters, name, idx)` turns the cost into a function of the
    single entry `parameters[name][idx]` (the others fixed), ready for your `numerical_derivative`, and
    `plot_against_numerical(numerical, grads)` draws, for every entry, the numerical derivative (horizontal) against
    a backward pass's gradient (vertical): a right gradient lies on the line $y = x$, a gradient that is a constant
    multiple of the right one on another line through 0, whose slope is the factor.

    The hunt itself is yours. Complete `numerical_gradients(parameters)` (not graded: it is your instrument): a
    dict with the keys `dW1`, `db1`, `dW2`, `db2`, each an array of its parameter's shape holding the numerical
    derivative of the cost with respect to every entry. The cell after it compares them with `backward_b`'s,
    gradient by gradient, and plots them. Then read `backward_b` again and find the line that explains what you
    measured.
    """),
    provided("provided_hunt_tools", r'''
    import matplotlib.pyplot as plt


    def cost_of_entry(parameters, name, idx):
        """The cost on small_problem() as a function of parameters[name][idx] alone: a function of one float."""
        X, Y, _ = small_problem()

        def cost(t):
            nudged = {key: value.copy() for key, value in parameters.items()}
            nudged[name][idx] = t
            return compute_cost(forward_propagation(X, nudged)[0], Y)
        return cost


    def plot_against_numerical(numerical, grads):
        """One point per parameter entry: numerical[d<name>] (horizontal) against grads[d<name>] (vertical)."""
        fig, ax = plt.subplots(figsize=(4.5, 3.8))
        for key in ("dW1", "db1", "dW2", "db2"):
            ax.scatter(np.ravel(numerical[key]), np.ravel(grads[key]), s=22, label=key)
        lim = 1.1 * max(max(np.max(np.abs(numerical[k])), np.max(np.abs(grads[k]))) for k in numerical)
        ax.plot([-lim, lim], [-lim, lim], "k--", lw=0.8, label="y = x")
        ax.set(xlabel="numerical derivative", ylabel="backward pass")
        ax.legend(fontsize=8)
        plt.show()
    '''),
    solution("numerical_gradients", r'''
    def numerical_gradients(parameters):
        """{"dW1", "db1", "dW2", "db2"}: the numerical derivative of the cost on small_problem() with respect to
        every entry of each parameter, from your numerical_derivative and cost_of_entry."""
        ### BEGIN SOLUTION
        out = {}
        for name, value in parameters.items():
            grad = np.zeros_like(value)
            for idx in np.ndindex(value.shape):
                grad[idx] = numerical_derivative(cost_of_entry(parameters, name, idx), value[idx])
            out["d" + name] = grad
        return out
        ### END SOLUTION
    ''', graded=False),
    demo(r"""
    try:
        numerical = numerical_gradients(parameters)
    except NotImplementedError:
        print("Complete numerical_gradients above, then run this cell again.")
    else:
        for key in ("dW1", "db1", "dW2", "db2"):
            print(f"{key}: largest |backward_b - numerical| = {np.max(np.abs(grads_b[key] - numerical[key])):.1e}")
        plot_against_numerical(numerical, grads_b)
    """),
    markdown(r"""
    ### Your bug report

    Write `bug_report()`: it returns a dict `{"gradient": ..., "factor": ...}` that says which gradient of
    `backward_b` is wrong and by what factor, on the notebook's `small_problem()`. `"gradient"` is the name as
    `backward_b` returns it; `"factor"` is **wrong / right**: `backward_b`'s value of that gradient divided by the
    right value (the same number in every entry), so `2.0` would mean twice too large and `0.5` half the right
    size. Your comparison tells you *which*; divide the two arrays (or read the slope in your plot) for *how
    much*, and then find the line of `backward_b` that explains it. Returning the two values you found is
    enough. The visible test checks only the form of the report: whether it is right for your version of
    `backward_b` is graded by the hidden tests.

    {RULES:bug_report}
    """),
    solution("bug_report", r'''
    def bug_report():
        """Which gradient of backward_b is wrong on small_problem(), and by what factor (wrong / right).

        Returns {"gradient": "dW1" | "db1" | "dW2" | "db2", "factor": a number}.
        """
        ### BEGIN SOLUTION
        # The answer key works for every student's version, so it measures instead of returning two constants
        # (returning the two numbers you found is just as right).
        X, Y, parameters = small_problem()
        grads = backward_b(X, Y, parameters, forward_propagation(X, parameters)[1])
        numerical = numerical_gradients(parameters)
        wrong = max(numerical, key=lambda k: np.max(np.abs(grads[k] - numerical[k])))
        return {"gradient": wrong, "factor": round(float(np.median(grads[wrong] / numerical[wrong])), 6)}
        ### END SOLUTION
    '''),
    tests("bug_report", r"""
    # Visible test: the form of the report only (the answer itself is graded by the hidden tests).
    report = bug_report()
    assert isinstance(report, dict), f"bug_report should return a dict, got {type(report).__name__}"
    assert {"gradient", "factor"} <= set(report), f"the report needs the keys 'gradient' and 'factor', got {sorted(report)}"
    spoken = str(report["gradient"]).strip().replace(" ", "").lower().removeprefix("dj/")
    assert spoken in ("dw1", "db1", "dw2", "db2", "w1", "b1", "w2", "b2"), (
        f"'gradient' should be one of 'dW1', 'db1', 'dW2', 'db2' (the names backward_b returns), got {report['gradient']!r}")
    assert np.ndim(report["factor"]) == 0 and np.isfinite(float(report["factor"])), (
        f"'factor' should be one number, got {report['factor']!r}")
    assert float(report["factor"]) != 1.0, "a factor of 1 means the gradient is right: which one is wrong?"
    print("Visible tests passed (the form of the report; the hidden tests check the answer).")
    """),
    markdown(r"""
    ### The correction

    Write `backward_corrected(X, Y, parameters, cache)`: the backward pass of this notebook's network, with the
    bug of `backward_b` corrected, for any sizes. `cache` holds `Z1`, `A1` and `A2` from
    `forward_propagation`. Then check it with your `gradient_check`.

    {RULES:backward_corrected}
    """),
    solution("backward_corrected", r'''
    def backward_corrected(X, Y, parameters, cache):
        """Gradients of J = (1 / 2m) sum((A2 - Y)**2) for A1 = tanh(W1 X + b1), A2 = W2 A1 + b2.

        X: (n_x, m), Y: (1, m), parameters: W1 (n_h, n_x), b1 (n_h, 1), W2 (1, n_h), b2 (1, 1), cache: Z1, A1, A2.
        Returns {"dW1", "db1", "dW2", "db2"}, each the shape of its parameter.
        """
        ### BEGIN SOLUTION
        m = X.shape[1]
        dZ2 = cache["A2"] - Y                      # per-example gradients: the 1/m comes once, in dW and db
        dW2 = dZ2 @ cache["A1"].T / m
        db2 = np.sum(dZ2, axis=1, keepdims=True) / m
        dZ1 = (parameters["W2"].T @ dZ2) * (1 - cache["A1"] ** 2)
        dW1 = dZ1 @ X.T / m
        db1 = np.sum(dZ1, axis=1, keepdims=True) / m
        return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
        ### END SOLUTION
    '''),
    tests("backward_corrected", r"""
    # Visible test: centred differences of the cost on problems of several sizes (no correct backward pass is
    # written anywhere in this notebook: the test estimates the right gradients numerically).
    def _finite_difference_gradients(X, Y, parameters, h=1e-5):
        out = {}
        for name, value in parameters.items():
            grad = np.zeros_like(value)
            for idx in np.ndindex(value.shape):
                nudged = {k: v.copy() for k, v in parameters.items()}
                nudged[name][idx] += h
                plus = compute_cost(forward_propagation(X, nudged)[0], Y)
                nudged[name][idx] -= 2 * h
                grad[idx] = (plus - compute_cost(forward_propagation(X, nudged)[0], Y)) / (2 * h)
            out["d" + name] = grad
        return out


    for sizes in ({}, {"n_x": 3, "n_h": 6, "m": 7, "seed": 3}, {"n_x": 4, "n_h": 1, "m": 2, "seed": 4},
                  {"n_x": 2, "n_h": 3, "m": 1, "seed": 5}):
        X, Y, parameters = small_problem(**sizes)
        _, cache = forward_propagation(X, parameters)
        before = [X.copy(), Y.copy(), {k: v.copy() for k, v in parameters.items()}, {k: v.copy() for k, v in cache.items()}]
        mine = backward_corrected(X, Y, parameters, cache)
        assert isinstance(mine, dict), f"backward_corrected should return a dict, got {type(mine).__name__}"
        right = _finite_difference_gradients(X, Y, parameters)
        for name in ("dW1", "db1", "dW2", "db2"):
            assert name in mine, f"backward_corrected on small_problem(**{sizes}): no {name} in the result"
            expect_close(f"{name} of backward_corrected on small_problem(**{sizes})", mine[name], right[name], atol=1e-8)
        for what, old, new in (("X", before[0], X), ("Y", before[1], Y)):
            assert np.array_equal(old, new), f"backward_corrected changed {what}"
        for what, old, new in (("parameters", before[2], parameters), ("cache", before[3], cache)):
            for k in old:
                assert np.array_equal(old[k], new[k]), f"backward_corrected changed {what}['{k}']"
    X, Y, parameters = small_problem()
    _, cache = forward_propagation(X, parameters)
    with np.errstate(all="ignore"):
        difference = gradient_check(X, Y, parameters, backward_corrected(X, Y, parameters, cache))
    print(f"Visible tests passed (gradient check of backward_corrected: {difference:.1e}).")
    """),
    markdown(r"""
    ## 5.6 Why centred differences, and which $\varepsilon$?

    Two errors compete in a finite difference:

    * **truncation error**: the quotient is not the derivative. A Taylor expansion shows that the one-sided
      quotient is off by about $\frac{\varepsilon}{2} J''$, while in the centred quotient the $J''$ terms cancel
      and the error is about $\frac{\varepsilon^2}{6} J'''$;
    * **round-off error**: $J$ is only known to about $10^{-16}$ relative precision, and dividing a difference of
      two nearly equal numbers by a tiny $\varepsilon$ magnifies that noise, roughly as $10^{-16}/\varepsilon$.

    Large $\varepsilon$: truncation dominates. Tiny $\varepsilon$: round-off dominates. The plot shows the error of
    both quotients for a smooth function of one variable, $f(x) = \sin 3x + x^2$ at $x = 0.5$.
    """),
    demo(r"""
    import matplotlib.pyplot as plt

    f = lambda x: np.sin(3 * x) + x**2
    exact = 3 * np.cos(1.5) + 1.0                 # f'(0.5)
    epsilons = np.logspace(-13, -1, 49)
    one_sided = np.abs((f(0.5 + epsilons) - f(0.5)) / epsilons - exact)
    centred = np.abs((f(0.5 + epsilons) - f(0.5 - epsilons)) / (2 * epsilons) - exact)
    plt.figure(figsize=(5, 3.2))
    plt.loglog(epsilons, one_sided, label="one-sided")
    plt.loglog(epsilons, centred, label="centred")
    plt.xlabel("epsilon")
    plt.ylabel("absolute error")
    plt.legend()
    plt.show()
    """),
    markdown(r"""
    The one-sided error is smallest for $\varepsilon$ between $10^{-9}$ and $10^{-8}$ and never much better than
    $10^{-8}$; the centred one reaches $10^{-11}$ and below for $\varepsilon$ between $10^{-6}$ and $10^{-5}$ and stays good over a wide range. Your
    checker on your corrected backward pass shows the same U shape:
    """),
    demo(r"""
    X, Y, parameters = small_problem()
    grads_corrected = backward_corrected(X, Y, parameters, forward_propagation(X, parameters)[1])
    for epsilon in (1e-1, 1e-3, 1e-5, 1e-7, 1e-9, 1e-11):
        print(f"epsilon = {epsilon:.0e}: difference {gradient_check(X, Y, parameters, grads_corrected, epsilon=epsilon):.1e}")
    """),
    markdown(r"""
    **Why is the default $\varepsilon = 10^{-7}$, then?** For this smooth network $10^{-5}$ is about 70 times more
    accurate, as the output shows. But the best $\varepsilon$ depends on the scale of the cost and of its third
    derivative, which you do not know in advance, while $10^{-7}$ is a safe choice for any reasonably scaled
    float64 cost: its round-off error (about $10^{-9}$ here) stays far below the thresholds of the verdict table,
    which were set with $\varepsilon = 10^{-7}$ in mind, and its truncation error is negligible. A small
    $\varepsilon$ also makes it less likely that a nudge crosses a kink of ReLU (next section). Anything from
    $10^{-7}$ to $10^{-5}$ works well in float64, while at $10^{-1}$ and $10^{-11}$ the difference of a correct
    backward pass is already thousands of times larger.
    """),
    markdown(r"""
    ### Kinks

    Functions such as ReLU, $|x|$ or $\max$ have corners where the derivative jumps. If a nudge of $\pm\varepsilon$
    crosses a corner, the finite difference mixes the slopes of the two sides, each weighted by the share of the
    interval $[x - \varepsilon, x + \varepsilon]$ that lies on its side (the plain mean of the two only when the corner
    is exactly at $x$, as in section 5.2), and disagrees with backprop even when backprop is right. With $|x|$ at
    $x = 10^{-8}$ and $\varepsilon = 10^{-7}$, 55% of the interval has slope $1$ and 45% slope $-1$, so the difference
    is $0.55 - 0.45 = 0.1$ where the true slope is $1$:
    """),
    demo(r"""
    x, eps = 1e-8, 1e-7
    print("centred difference of |x| at x = 1e-8:", (abs(x + eps) - abs(x - eps)) / (2 * eps), "(true slope: 1)")
    """),
    markdown(r"""
    In a ReLU network this happens when some pre-activation $Z^{[l]}$ lies within $\varepsilon$ of zero. It is rare
    with random inputs, but if a check on a ReLU network gives a borderline difference, look at how close the
    pre-activations come to zero, use fewer examples, or check with a smooth activation (like this notebook's
    tanh network) before switching back.

    ## 5.7 Comparing with an automatic differentiation framework

    Libraries such as PyTorch, TensorFlow, JAX or `autograd` build the computational graph while the forward pass
    runs and apply the chain rule for you (the `Value` class of notebook 1, grown up). They make a fine second
    opinion: write only the cost, let the library differentiate it, and compare with your backward pass (here your
    `backward_corrected`). The cell below uses whichever of `torch` or `autograd` is installed, and simply says so if
    neither is.
    """),
    demo(r"""
    X, Y, parameters = small_problem()
    _, cache = forward_propagation(X, parameters)
    mine = backward_corrected(X, Y, parameters, cache)
    framework = None

    try:
        import autograd
        import autograd.numpy as anp

        def cost_of(params):
            A1 = anp.tanh(params["W1"] @ X + params["b1"])
            A2 = params["W2"] @ A1 + params["b2"]
            return anp.sum((A2 - Y) ** 2) / (2 * Y.shape[1])

        auto = {"d" + name: g for name, g in autograd.grad(cost_of)(parameters).items()}
        framework = "autograd"
    except ImportError:
        try:
            import torch

            params_t = {name: torch.tensor(v, dtype=torch.float64, requires_grad=True) for name, v in parameters.items()}
            X_t, Y_t = torch.tensor(X), torch.tensor(Y)
            A1 = torch.tanh(params_t["W1"] @ X_t + params_t["b1"])
            A2 = params_t["W2"] @ A1 + params_t["b2"]
            cost = ((A2 - Y_t) ** 2).sum() / (2 * Y.shape[1])
            cost.backward()                       # the framework's backward pass
            auto = {"d" + name: t.grad.numpy() for name, t in params_t.items()}
            framework = "torch"
        except ImportError:
            pass

    if framework is None:
        print("Neither autograd nor torch is installed; `pip install autograd` to run this comparison.")
    else:
        for name in ("dW1", "db1", "dW2", "db2"):
            print(f"{name}: largest difference backward_corrected vs {framework} = {np.max(np.abs(mine[name] - auto[name])):.1e}")
    """),
    markdown(r"""
    ## 5.8 Practical advice

    * **Check during development, not in training.** A check needs two forward passes per parameter: the small
      network here has 17 parameters, a real one millions. Run it on a tiny network and a handful of examples,
      then switch it off (or check a random sample of parameters).
    * **A debugging recipe.** Write the forward pass and test it on a small example; write the backward pass;
      gradient-check it on a small example; only then scale up. When the check fails, the usual suspects are a
      wrong shape (a missing transpose), a forgotten $\frac1m$ or a sum over the wrong axis, or a wrong activation
      derivative, in that order.
    * **Watch the gradients while training.** Norms that shrink or blow up, and any `nan` or `inf`, are the early
      warnings of vanishing and exploding gradients (notebook 6 measures them layer by layer).
    """),
]
