# attack: return an ndarray subclass whose ==, allclose, ufuncs and array functions all say "equal"
# student: a
# function: sigmoid_derivative
# stopped by: only plain data crosses the boundary: the subclass becomes its base array, compared by the grader
import numpy as np

# BEGIN PAYLOAD
class Always(np.ndarray):
    def __eq__(self, other):
        return True

    __ne__ = lambda self, other: False

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        return True

    def __array_function__(self, func, types, args, kwargs):
        return True

    def __reduce__(self):
        return (print, ("pwned by __reduce__",))
# END PAYLOAD


def sigmoid_derivative(a):
    value = np.asarray(a * a, dtype=float)
    # BEGIN PAYLOAD
    value = value.view(Always)
    # END PAYLOAD
    return value
